// Helpers of the scenario loader: "did you mean" suggestions and strict number text.
#include "sim/config/key_suggestion.hpp"
#include "sim/config/number_text.hpp"

#include <gtest/gtest.h>

using namespace afdsim;

TEST(KeySuggestion, ClosestKey)
{
  std::vector<std::string> keys = {"attention_workers", "ffn_workers", "microbatches", "hbm_bandwidth_gb_per_s"};
  EXPECT_EQ(closest_key("attention_worker", keys), "attention_workers");
  EXPECT_EQ(closest_key("Microbatches", keys), "microbatches");
  EXPECT_EQ(closest_key("micorbatches", keys), "microbatches");  // transposition
  EXPECT_EQ(closest_key("hbm_bandwidth", keys), "hbm_bandwidth_gb_per_s");  // a prefix
  EXPECT_EQ(closest_key("scheduler", keys), std::nullopt);
  EXPECT_EQ(closest_key("ffn", keys), "ffn_workers");  // a prefix of three or more characters
  EXPECT_EQ(closest_key("xy", keys), std::nullopt);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(NumberText, StrictForms)
{
  EXPECT_TRUE(is_decimal_text("-1.5e+3"));
  EXPECT_TRUE(is_decimal_text(".5"));
  EXPECT_FALSE(is_decimal_text("1e"));
  EXPECT_FALSE(is_decimal_text("0x10"));
  EXPECT_FALSE(is_decimal_text("1_000"));
  EXPECT_FALSE(is_decimal_text("."));
  EXPECT_EQ(parse_double("1e999"), std::nullopt);
  EXPECT_EQ(parse_double("nan"), std::nullopt);
  EXPECT_EQ(integral_value("1e3"), 1000.0);
  EXPECT_EQ(integral_value("2.5"), std::nullopt);
  EXPECT_EQ(integral_value("1e300"), std::nullopt);
  EXPECT_EQ(parse_int64("99999999999999999999"), std::nullopt);
  EXPECT_EQ(parse_uint64("-1"), std::nullopt);
  EXPECT_EQ(parse_uint64("18446744073709551615"), 18446744073709551615ull);
  for (double v : {0.1, 1e9, 4123.456789012345, 0.30000000000000004, -2.5e-300, 12.0})
    EXPECT_EQ(parse_double(format_number(v)), v) << format_number(v);
  EXPECT_EQ(format_number(1e9), "1e+09");
  EXPECT_EQ(format_number(12.0), "12");
}
