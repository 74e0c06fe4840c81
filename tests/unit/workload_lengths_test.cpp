// workload.prompt_tokens / output_tokens as numbers or distributions, and workload.trace: what the
// loader accepts, what it refuses (with the dotted key), and that the resolved scenario reloads.
#include "scenario_text.hpp"
#include "sim/config/scenario_yaml.hpp"

#include <gtest/gtest.h>

using namespace afdsim;
using namespace afdsim::test;

namespace {

Scenario with_workload(const std::string& workload_lines)
{
  return load_test_scenario(kMinimalScenario + "workload:\n" + workload_lines);
}

std::string workload_error(const std::string& workload_lines)
{
  return load_test_error(kMinimalScenario + "workload:\n" + workload_lines);
}

} // namespace

TEST(WorkloadLengths, NumbersStayFixed)
{
  const Scenario s = with_workload("  prompt_tokens: 300\n  output_tokens: 20\n");
  EXPECT_TRUE(s.workload.prompt_length.is_fixed());
  EXPECT_EQ(s.workload.prompt_tokens, 300);
  EXPECT_EQ(s.workload.output_tokens, 20);
  EXPECT_NE(to_yaml(s).find("prompt_tokens: 300\n"), std::string::npos);  // written back as a number
}

TEST(WorkloadLengths, EveryDistributionLoadsAndSetsItsMean)
{
  const Scenario s = with_workload("  prompt_tokens: {dist: uniform, min: 10, max: 31}\n"
                                   "  output_tokens: {dist: geometric, mean: 500}\n");
  EXPECT_EQ(s.workload.prompt_length.kind, LengthKind::uniform);
  EXPECT_EQ(s.workload.prompt_length.min, 10);
  EXPECT_EQ(s.workload.prompt_length.max, 31);
  EXPECT_EQ(s.workload.prompt_tokens, 21);  // (10 + 31) / 2 rounded: the representative length
  EXPECT_EQ(s.workload.output_length.kind, LengthKind::geometric);
  EXPECT_EQ(s.workload.output_tokens, 500);
  const Scenario l = with_workload("  prompt_tokens: {dist: fixed, value: 7}\n"
                                   "  output_tokens: {dist: lognormal, mean: 250.5, sigma: 0.75}\n");
  EXPECT_TRUE(l.workload.prompt_length.is_fixed());
  EXPECT_EQ(l.workload.prompt_tokens, 7);
  EXPECT_EQ(l.workload.output_length.mean, 250.5);
  EXPECT_EQ(l.workload.output_length.sigma, 0.75);
}

TEST(WorkloadLengths, ResolvedScenarioRoundTrips)
{
  const Scenario original = with_workload("  prompt_tokens: {dist: lognormal, mean: 0.1e4, sigma: 0.30000000000000004}\n"
                                          "  output_tokens: {dist: uniform, min: 1, max: 9}\n");
  const std::string yaml = to_yaml(original);
  EXPECT_NE(yaml.find("prompt_tokens: {dist: lognormal, mean: 1000, sigma: 0.30000000000000004}"), std::string::npos)
      << yaml;
  const Scenario reloaded = load_scenario_text(yaml, "resolved.yaml", "/no/such/folder");
  EXPECT_EQ(to_yaml(reloaded), yaml);
  EXPECT_EQ(to_json(reloaded), to_json(original));
  EXPECT_EQ(to_json(original)["workload"]["output_tokens_distribution"]["max"], 9);
}

TEST(WorkloadLengths, TraceLoadsAndRoundTrips)
{
  const Scenario s = with_workload("  trace: traces/two.csv\n");
  ASSERT_EQ(s.workload.trace.requests.size(), 2u);
  EXPECT_EQ(s.workload.trace.requests[1].prompt_tokens, 200);
  EXPECT_EQ(s.workload.trace.requests[1].output_tokens, 8);
  EXPECT_EQ(s.workload.prompt_tokens, 150);  // the means
  EXPECT_EQ(s.workload.output_tokens, 6);
  const std::string yaml = to_yaml(s);
  const Scenario reloaded = load_scenario_text(yaml, "resolved.yaml", "/no/such/folder");
  EXPECT_EQ(to_yaml(reloaded), yaml);
  EXPECT_EQ(reloaded.workload.trace.requests.size(), 2u);
}

struct BadLengths {
  const char* name;
  const char* workload_lines;
  const char* expected;  // part of the message
};

class WorkloadLengthErrors : public ::testing::TestWithParam<BadLengths> {};

TEST_P(WorkloadLengthErrors, NameTheKeyAndReason)
{
  const std::string message = workload_error(GetParam().workload_lines);
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Loader, WorkloadLengthErrors,
    ::testing::Values(
        BadLengths{"NoDist", "  output_tokens: {mean: 5}\n", "workload.output_tokens.dist: missing required key"},
        BadLengths{"UnknownDist", "  output_tokens: {dist: poisson, mean: 5}\n", "workload.output_tokens.dist"},
        BadLengths{"MissingMean", "  output_tokens: {dist: geometric}\n",
                   "workload.output_tokens.mean: missing required key (a parameter of dist geometric"},
        BadLengths{"ForeignKey", "  output_tokens: {dist: geometric, mean: 5, sigma: 1}\n",
                   "workload.output_tokens.sigma: not a parameter of dist geometric (it takes mean)"},
        BadLengths{"UnknownKey", "  prompt_tokens: {dist: fixed, value: 5, mode: 2}\n", "workload.prompt_tokens"},
        BadLengths{"MeanBelowOne", "  output_tokens: {dist: geometric, mean: 0.5}\n", "workload.output_tokens.mean"},
        BadLengths{"NegativeSigma", "  output_tokens: {dist: lognormal, mean: 5, sigma: -1}\n",
                   "workload.output_tokens.sigma"},
        BadLengths{"ZeroSigma", "  output_tokens: {dist: lognormal, mean: 5, sigma: 0}\n", "workload.output_tokens.sigma"},
        BadLengths{"MaxBelowMin", "  prompt_tokens: {dist: uniform, min: 10, max: 9}\n",
                   "workload.prompt_tokens.max: must be at least min = 10, got 9"},
        BadLengths{"FractionalMin", "  prompt_tokens: {dist: uniform, min: 1.5, max: 9}\n", "workload.prompt_tokens.min"},
        BadLengths{"ZeroValue", "  prompt_tokens: {dist: fixed, value: 0}\n", "workload.prompt_tokens.value"},
        BadLengths{"ListLength", "  prompt_tokens: [1, 2]\n", "workload.prompt_tokens"},
        BadLengths{"TraceAndLengths", "  trace: traces/two.csv\n  output_tokens: 5\n",
                   "workload.output_tokens: not allowed with workload.trace"},
        BadLengths{"MissingTrace", "  trace: traces/none.csv\n", "workload.trace: cannot read trace file"},
        // The trace's own errors name the trace file, its line and column.
        BadLengths{"MalformedTrace", "  trace: traces/bad-value.csv\n",
                   "traces/bad-value.csv:3:5: workload.trace: output_tokens must be an integer in [1, 10000000], got 'x4'"}),
    [](const ::testing::TestParamInfo<BadLengths>& info) { return std::string(info.param.name); });
