// The length samplers match their distributions' moments, are deterministic for a seed, and
// theta follows Song et al.'s formula for each distribution.
#include "sim/workload/length_sampler.hpp"
#include "sim/workload/length_sources.hpp"
#include "sim/workload/slot_theta.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace afdsim;

namespace {

// Sample mean and mean of L (L - 1) over n draws.
LengthMoments sampled(const LengthDistribution& d, int n)
{
  std::mt19937_64 rng(7);
  LengthMoments m;
  for (int i = 0; i < n; ++i) {
    const double x = sample_length(d, rng);
    m.mean += x / n;
    m.second += x * x / n;
    m.third += x * x * x / n;
  }
  return m;
}

} // namespace

TEST(LengthSampler, MomentsMatchTheFormulas)
{
  for (const LengthDistribution& d : {LengthDistribution::uniform_between(3, 40), LengthDistribution::geometric_with_mean(500), LengthDistribution::geometric_with_mean(1),
                                      LengthDistribution::lognormal_with(300, 0.8), LengthDistribution::lognormal_with(2, 0.5)}) {
    const LengthMoments exact = length_moments(d);
    const LengthMoments drawn = sampled(d, 400000);
    EXPECT_NEAR(drawn.mean / exact.mean, 1, 0.01) << to_string(d.kind) << " " << d.mean;
    if (exact.falling_second() > 0)
      EXPECT_NEAR(drawn.falling_second() / exact.falling_second(), 1, 0.03) << to_string(d.kind) << " " << d.mean;
    if (exact.slot_cubic() > 0)
      EXPECT_NEAR(drawn.slot_cubic() / exact.slot_cubic(), 1, 0.06) << to_string(d.kind) << " " << d.mean;
  }
}

TEST(LengthSampler, UniformCoversItsRangeOnly)
{
  std::mt19937_64 rng(1);
  int lo = 1000;
  int hi = 0;
  for (int i = 0; i < 10000; ++i) {
    const int x = sample_length(LengthDistribution::uniform_between(5, 9), rng);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  EXPECT_EQ(lo, 5);
  EXPECT_EQ(hi, 9);
}

TEST(LengthSampler, SameSeedSameLengths)
{
  DistributionSource a(LengthDistribution::lognormal_with(100, 1), LengthDistribution::geometric_with_mean(50), 42);
  DistributionSource b(LengthDistribution::lognormal_with(100, 1), LengthDistribution::geometric_with_mean(50), 42);
  DistributionSource c(LengthDistribution::lognormal_with(100, 1), LengthDistribution::geometric_with_mean(50), 43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const RequestShape x = a.next();
    const RequestShape y = b.next();
    const RequestShape z = c.next();
    EXPECT_EQ(x.prompt_tokens, y.prompt_tokens);
    EXPECT_EQ(x.output_tokens, y.output_tokens);
    differs = differs || x.output_tokens != z.output_tokens;
  }
  EXPECT_TRUE(differs);
}

// Pinned draws: a change of sampler (or a standard library's std:: distribution creeping in)
// changes every distributed scenario's results, so it must be deliberate.
TEST(LengthSampler, PinnedSequence)
{
  DistributionSource s(LengthDistribution::uniform_between(1, 1000), LengthDistribution::geometric_with_mean(500), 1);
  const RequestShape first = s.next();
  const RequestShape second = s.next();
  EXPECT_EQ(std::vector<int>({first.prompt_tokens, first.output_tokens, second.prompt_tokens, second.output_tokens}),
            std::vector<int>({469, 31, 963, 741}));
}

TEST(SlotTheta, FixedLengthsGivePromptPlusHalfOfOutputMinusOne)
{
  WorkloadConfig w;
  w.prompt_tokens = 2048;
  w.output_tokens = 512;
  EXPECT_DOUBLE_EQ(theta_tokens(w), 2048 + 511 / 2.0);
}

TEST(SlotTheta, GeometricOutputs)
{
  WorkloadConfig w;
  w.prompt_length = LengthDistribution::geometric_with_mean(100);
  w.output_length = LengthDistribution::geometric_with_mean(500);
  // E[D(D-1)] / (2 E[D]) = mean - 1 for a geometric on 1, 2, ...
  EXPECT_DOUBLE_EQ(theta_tokens(w), 100 + 499);
}

TEST(SlotTheta, TracePairsAreKeptTogether)
{
  WorkloadConfig w;
  w.trace.file = "t.csv";
  w.trace.requests = {{100, 1, -1}, {0 + 1, 9, -1}};
  // E[D P + D(D-1)/2] / E[D] = (1 * 100 + 0 + 9 * 1 + 36) / 10
  EXPECT_DOUBLE_EQ(theta_tokens(w), (100 + 9 + 36) / 10.0);
}

// theta and its variance from the moments equal Song's sums over every (P, D) pair.
TEST(SlotTheta, MomentsAgreeWithThePairSums)
{
  WorkloadConfig w;
  w.prompt_length = LengthDistribution::uniform_between(1, 50);
  for (const LengthDistribution& output : {LengthDistribution::uniform_between(3, 40), LengthDistribution::geometric_with_mean(20)}) {
    w.output_length = output;
    std::vector<RequestLengths> pairs;
    for (int p = 1; p <= 50; ++p)
      for (int d = 1; d <= 2000; ++d) {
        const double pd = output.kind == LengthKind::uniform
                              ? (d >= 3 && d <= 40 ? 1.0 / 38 : 0.0)
                              : std::pow(1 - 1.0 / 20, d - 1) / 20;
        if (pd > 0)
          pairs.push_back({static_cast<double>(p), static_cast<double>(d), pd / 50});
      }
    const SlotLoad exact = stationary_slot_load(pairs);
    const SlotLoad from_moments = workload_slot_load(w);
    EXPECT_NEAR(from_moments.theta_tokens / exact.theta_tokens, 1, 1e-9) << to_string(output.kind);
    EXPECT_NEAR(from_moments.variance_tokens2 / exact.variance_tokens2, 1, 1e-9) << to_string(output.kind);
  }
}
