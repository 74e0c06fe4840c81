#pragma once
// Strict reading and exact writing of numbers in scenario text. YAML's own number forms are
// broader than a scenario needs (hex, octal, .inf); the loader accepts only plain decimal text.
#include <cstdint>
#include <optional>
#include <string>

namespace afdsim {

// "[+-]digits": an integer as written, no exponent, no point.
bool is_integer_text(const std::string& text);
// Plain decimal: "[+-](digits[.digits]|.digits)[(e|E)[+-]digits]". Covers integer text too.
bool is_decimal_text(const std::string& text);
// YAML's and C's spellings of NaN and infinity (.nan, .inf, -.Inf, nan, inf, infinity...).
bool is_non_finite_text(const std::string& text);

// The value of decimal text when it is an exact integer of at most 2^53 in magnitude (so "1e3"
// and "2048.0" are integers, "2.5" and "1e300" are not); nullopt otherwise.
std::optional<double> integral_value(const std::string& text);

// Parses integer text into int64 / uint64; nullopt on overflow or when the text is not integer
// text ("-1" is not a uint64).
std::optional<int64_t> parse_int64(const std::string& text);
std::optional<uint64_t> parse_uint64(const std::string& text);
// Parses decimal text; nullopt when it is not decimal text or overflows a double.
std::optional<double> parse_double(const std::string& text);

// Shortest text that reads back to exactly `value` ("0.95", "1e+09", "12").
std::string format_number(double value);

} // namespace afdsim
