// Request slots of one attention worker: initial progress, replenishment, microbatches (no SimGrid).
#include "sim/workload/request_slots.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <set>

namespace afdsim {
namespace {

struct Fixture {
  FixedLengthSource source{RequestShape{100, 4}};
  RequestIds ids;
};

TEST(RequestSlots, MicrobatchSizesDifferByAtMostOne)
{
  EXPECT_EQ(split_microbatches(7, 3), (std::vector<int>{3, 2, 2}));
  EXPECT_EQ(split_microbatches(6, 3), (std::vector<int>{2, 2, 2}));
  EXPECT_EQ(split_microbatches(5, 1), std::vector<int>{5});
  EXPECT_EQ(split_microbatches(2, 4), (std::vector<int>{1, 1, 0, 0}));
  EXPECT_THROW(split_microbatches(4, 0), std::invalid_argument);
}

TEST(RequestSlots, UniformBelowIsFixedBySeedAndInRange)
{
  std::mt19937_64 a(7);
  std::mt19937_64 b(7);
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 3000; ++i) {
    const uint64_t x = uniform_below(a, 3);
    ASSERT_EQ(x, uniform_below(b, 3));
    ++counts[x];
  }
  for (int c : counts)  // 1000 expected each; 5 sigma is about 130
    EXPECT_NEAR(c, 1000, 130);
  std::mt19937_64 c(7);
  EXPECT_EQ(uniform_below(c, 1), 0u);
  // The mapping is a plain modulo of the generator's first draw (no rejection for small n).
  std::mt19937_64 d(7);
  std::mt19937_64 e(7);
  EXPECT_EQ(uniform_below(d, 10), e() % 10);
}

TEST(RequestSlots, InitialProgressIsDrawnFromTheSeed)
{
  Fixture f;
  std::mt19937_64 rng(1);
  const RequestSlots slots(8, f.source, f.ids, rng);
  std::mt19937_64 replay(1);
  for (size_t i = 0; i < 8; ++i) {
    const Request& r = slots.requests()[i];
    EXPECT_EQ(r.id, static_cast<int64_t>(i));
    EXPECT_EQ(r.decoded_tokens, static_cast<int>(replay() % 4));
    EXPECT_EQ(r.kv_read_tokens(), 100.0 + r.decoded_tokens + 1);
  }
  Fixture g;
  std::mt19937_64 other(2);
  const RequestSlots reseeded(8, g.source, g.ids, other);
  std::vector<int> p1;
  std::vector<int> p2;
  for (size_t i = 0; i < 8; ++i) {
    p1.push_back(slots.requests()[i].decoded_tokens);
    p2.push_back(reseeded.requests()[i].decoded_tokens);
  }
  EXPECT_NE(p1, p2);
}

TEST(RequestSlots, FinishedRequestsAreReplacedAtOnce)
{
  Fixture f;
  std::mt19937_64 rng(3);
  RequestSlots slots(5, f.source, f.ids, rng);
  std::set<int64_t> seen;
  int finished = 0;
  int tokens = 0;
  for (int step = 0; step < 20; ++step) {
    ASSERT_EQ(slots.requests().size(), 5u);
    for (const auto& r : slots.requests()) {
      seen.insert(r.id);
      ASSERT_LT(r.decoded_tokens, r.output_tokens);
    }
    tokens += 5;
    finished += slots.advance();
  }
  // Every finished request was replaced by one with a fresh id: ids 0 .. 5 + finished - 1.
  for (const auto& r : slots.requests())
    seen.insert(r.id);
  EXPECT_EQ(static_cast<int>(seen.size()), 5 + finished);
  EXPECT_EQ(*seen.rbegin(), 5 + finished - 1);
  EXPECT_GT(finished, 20);  // 100 tokens, at most 4 per request
  int in_flight = 0;
  for (const auto& r : slots.requests())
    in_flight += r.decoded_tokens;
  int initial_progress = 0;
  std::mt19937_64 replay(3);
  for (int i = 0; i < 5; ++i)
    initial_progress += static_cast<int>(replay() % 4);
  // Token conservation: tokens = 4 per finished request + progress now - progress at start.
  EXPECT_EQ(tokens, 4 * finished + in_flight - initial_progress);
}

TEST(RequestSlots, MicrobatchLoadsSplitContexts)
{
  Fixture f;
  std::mt19937_64 rng(5);
  const RequestSlots slots(5, f.source, f.ids, rng);
  const auto loads = slots.microbatch_loads(2);
  ASSERT_EQ(loads.size(), 2u);
  EXPECT_EQ(loads[0].requests, 3);
  EXPECT_EQ(loads[1].requests, 2);
  const auto& r = slots.requests();
  EXPECT_EQ(loads[0].context_tokens, r[0].kv_read_tokens() + r[1].kv_read_tokens() + r[2].kv_read_tokens());
  EXPECT_EQ(loads[1].context_tokens, r[3].kv_read_tokens() + r[4].kv_read_tokens());
  EXPECT_EQ(loads[0].context_tokens + loads[1].context_tokens, slots.context_tokens());
}

} // namespace
} // namespace afdsim
