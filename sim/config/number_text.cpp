#include "sim/config/number_text.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace afdsim {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Advances `i` over digits; returns how many.
size_t skip_digits(const std::string& s, size_t& i)
{
  size_t start = i;
  while (i < s.size() && is_digit(s[i]))
    i++;
  return i - start;
}

std::string lower(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

} // namespace

bool is_integer_text(const std::string& text)
{
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-'))
    i++;
  return skip_digits(text, i) > 0 && i == text.size();
}

bool is_decimal_text(const std::string& text)
{
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-'))
    i++;
  size_t mantissa_digits = skip_digits(text, i);
  if (i < text.size() && text[i] == '.') {
    i++;
    mantissa_digits += skip_digits(text, i);
  }
  if (mantissa_digits == 0)
    return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    i++;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
      i++;
    if (skip_digits(text, i) == 0)
      return false;
  }
  return i == text.size();
}

bool is_non_finite_text(const std::string& text)
{
  std::string s = lower(text);
  if (!s.empty() && (s[0] == '+' || s[0] == '-'))
    s.erase(0, 1);
  return s == ".nan" || s == "nan" || s == ".inf" || s == "inf" || s == "infinity";
}

std::optional<double> parse_double(const std::string& text)
{
  if (!is_decimal_text(text))
    return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (errno == ERANGE && std::isinf(v))
    return std::nullopt;  // overflow; underflow to 0 or a denormal is a fine reading of the text
  return v;
}

std::optional<double> integral_value(const std::string& text)
{
  std::optional<double> v = parse_double(text);
  constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53
  if (!v || std::trunc(*v) != *v || std::fabs(*v) > kExactIntegerLimit)
    return std::nullopt;
  return v;
}

std::optional<int64_t> parse_int64(const std::string& text)
{
  if (!is_integer_text(text))
    return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno == ERANGE)
    return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<uint64_t> parse_uint64(const std::string& text)
{
  if (!is_integer_text(text) || text[0] == '-')
    return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (errno == ERANGE)
    return std::nullopt;
  return static_cast<uint64_t>(v);
}

std::string format_number(double value)
{
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

} // namespace afdsim
