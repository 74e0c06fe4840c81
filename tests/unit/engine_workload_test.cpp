// Tokens, requests and determinism of a simulated run.
#include "engine_test_support.hpp"

#include "sim/engine/result_codec.hpp"

#include <gtest/gtest.h>

#include <map>

namespace afdsim::test {
namespace {

Scenario conservation_scenario()
{
  Scenario s = fixed_scenario(2, 2, 2, 10, 10, 5);
  s.workload.output_tokens = 4;
  s.workload.steps = 10;
  s.workload.warmup_steps = 2;
  return s;
}

TEST(EngineWorkload, TokensAreConservedAndConsecutive)
{
  const Scenario s = conservation_scenario();
  const SimulationResult result = simulate_in_child(s);
  const auto& log = result.log;

  int64_t step_requests = 0;
  for (const auto& step : log.steps) {
    EXPECT_EQ(step.requests, 5);
    step_requests += step.requests;
  }
  EXPECT_EQ(step_requests, static_cast<int64_t>(log.tokens.size()));
  EXPECT_EQ(log.tokens.size(), 2u * 5 * 10);

  std::map<int64_t, std::vector<TokenRecord>> by_request;
  for (const auto& t : log.tokens)
    by_request[t.request].push_back(t);
  for (const auto& [id, tokens] : by_request) {
    ASSERT_LE(tokens.size(), 4u) << "request " << id;
    for (size_t i = 1; i < tokens.size(); ++i) {
      EXPECT_EQ(tokens[i].step, tokens[i - 1].step + 1) << "request " << id;
      EXPECT_EQ(tokens[i].worker, tokens[0].worker);
      EXPECT_GT(tokens[i].time_s, tokens[i - 1].time_s);
    }
    // A request that started during the run and ended before its last step decoded all 4 tokens.
    if (id >= 10 && tokens.back().step < 9)
      EXPECT_EQ(tokens.size(), 4u) << "request " << id;
  }
  // The token time is the step end of its worker.
  for (const auto& t : log.tokens)
    for (const auto& step : log.steps)
      if (step.worker == t.worker && step.step == t.step)
        EXPECT_EQ(step.end_s, t.time_s);
}

TEST(EngineWorkload, KvReadGrowsOneTokenPerRequestPerStep)
{
  Scenario s = conservation_scenario();
  s.workload.output_tokens = 1000;  // nobody finishes: context grows by B per step
  s.workload.steps = 4;
  const SimulationResult result = simulate_in_child(s);
  std::map<int, double> first_context;  // per worker, at step 0
  for (const auto& step : result.log.steps)
    if (step.step == 0)
      first_context[step.worker] = step.context_tokens;
  ASSERT_EQ(first_context.size(), 2u);
  for (const auto& step : result.log.steps)
    EXPECT_EQ(step.context_tokens, first_context[step.worker] + 5.0 * step.step);
}

std::string encoded_without_wall_time(SimulationResult result)
{
  result.wall_s = 0;
  return encode_result(result);
}

TEST(EngineWorkload, SameSeedSameLogOtherSeedOtherProgress)
{
  const Scenario s = conservation_scenario();
  const std::string first = encoded_without_wall_time(simulate_in_child(s));
  const std::string again = encoded_without_wall_time(simulate_in_child(s));
  EXPECT_EQ(first, again);

  Scenario other = s;
  other.workload.seed = 12345;
  const SimulationResult reseeded = simulate_in_child(other);
  EXPECT_NE(encoded_without_wall_time(reseeded), first);
  // Different initial progress: a different number of tokens before each request's end.
  const SimulationResult original = decode_result(first);
  EXPECT_NE(original.log.steps.front().context_tokens, reseeded.log.steps.front().context_tokens);
}

} // namespace
} // namespace afdsim::test
