// Trace CSV files: every malformed line gives its own error naming file:line:column and the reason.
#include "sim/util/errors.hpp"
#include "sim/workload/length_sources.hpp"
#include "sim/workload/request_trace.hpp"

#include <gtest/gtest.h>

using namespace afdsim;

namespace {

std::string trace_error(const std::string& text)
{
  try {
    parse_trace_csv(text, "t.csv", "workload.trace");
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "parsed without error:\n" << text;
  return "";
}

} // namespace

TEST(RequestTrace, ParsesBothHeadersAndCrLf)
{
  const auto plain = parse_trace_csv("prompt_tokens,output_tokens\n10,2\n\n20,3\n", "t.csv", "workload.trace");
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_EQ(plain[1].prompt_tokens, 20);
  EXPECT_LT(plain[1].arrival_s, 0);
  const auto timed = parse_trace_csv("prompt_tokens,output_tokens,arrival_s\r\n10,2,0\r\n20,3,0.5\r\n", "t.csv",
                                     "workload.trace");
  ASSERT_EQ(timed.size(), 2u);
  EXPECT_EQ(timed[1].arrival_s, 0.5);
}

TEST(RequestTrace, SourceReplaysInOrderAndCycles)
{
  TraceSource source(parse_trace_csv("prompt_tokens,output_tokens\n10,2\n20,3\n", "t.csv", "workload.trace"));
  EXPECT_EQ(source.next().prompt_tokens, 10);
  EXPECT_EQ(source.next().output_tokens, 3);
  EXPECT_EQ(source.next().prompt_tokens, 10);  // closed loop: the trace starts over
}

struct BadTrace {
  const char* name;
  const char* text;
  const char* expected;
};

class RequestTraceErrors : public ::testing::TestWithParam<BadTrace> {};

TEST_P(RequestTraceErrors, NameLineColumnAndReason)
{
  const std::string message = trace_error(GetParam().text);
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, RequestTraceErrors,
    ::testing::Values(
        BadTrace{"Empty", "", "t.csv:1:1: workload.trace: empty file"},
        BadTrace{"NoHeader", "10,2\n", "t.csv:1:1: workload.trace: the header must be"},
        BadTrace{"OnlyHeader", "prompt_tokens,output_tokens\n", "t.csv:2:1: workload.trace: no requests after the header"},
        BadTrace{"TooFewValues", "prompt_tokens,output_tokens\n10,2\n30\n", "t.csv:3:3: workload.trace: expected 2 values"},
        BadTrace{"TooManyValues", "prompt_tokens,output_tokens\n10,2,7\n", "t.csv:2:6: workload.trace: expected 2 values"},
        BadTrace{"NotANumber", "prompt_tokens,output_tokens\nten,2\n",
                 "t.csv:2:1: workload.trace: prompt_tokens must be an integer in [1, 10000000], got 'ten'"},
        BadTrace{"Fraction", "prompt_tokens,output_tokens\n10,2.5\n",
                 "t.csv:2:4: workload.trace: output_tokens must be an integer"},
        BadTrace{"ZeroOutput", "prompt_tokens,output_tokens\n10,0\n", "t.csv:2:4: workload.trace: output_tokens"},
        BadTrace{"EmptyCell", "prompt_tokens,output_tokens\n,4\n", "t.csv:2:1: workload.trace: prompt_tokens"},
        BadTrace{"NegativeArrival", "prompt_tokens,output_tokens,arrival_s\n10,2,-1\n",
                 "t.csv:2:6: workload.trace: arrival_s must be a finite number of seconds >= 0, got '-1'"},
        BadTrace{"DecreasingArrival", "prompt_tokens,output_tokens,arrival_s\n10,2,1\n10,2,0.5\n",
                 "t.csv:3:6: workload.trace: arrival_s must not decrease"},
        BadTrace{"InfiniteArrival", "prompt_tokens,output_tokens,arrival_s\n10,2,inf\n", "t.csv:2:6: workload.trace: arrival_s"}),
    [](const ::testing::TestParamInfo<BadTrace>& info) { return std::string(info.param.name); });
