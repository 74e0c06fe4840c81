// Admission control, routing and arrivals of the open loop (sim/workload, no SimGrid).
#include "sim/workload/arrivals.hpp"
#include "sim/workload/request_dispatcher.hpp"
#include "sim/workload/request_slots.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace afdsim {
namespace {

TEST(Admission, KvReservedNeverExceedsTheCapacityAndTheQueueIsFifo)
{
  RequestIds ids;
  RequestSlots slots(10, ids, 1000);  // 10 slots, 1000 KV tokens
  // KV reserved per request = prompt + output: 400, 400, 300, 100.
  EXPECT_TRUE(slots.enqueue({390, 10}, 0.0));
  EXPECT_TRUE(slots.enqueue({390, 10}, 0.1));
  EXPECT_TRUE(slots.enqueue({290, 10}, 0.2));
  EXPECT_TRUE(slots.enqueue({90, 10}, 0.3));
  std::vector<Request> admitted;
  EXPECT_EQ(slots.admit(1.0, admitted), 2);  // 800 reserved; the 300 does not fit, and the 100 waits behind it (FIFO)
  EXPECT_EQ(slots.kv_reserved_tokens(), 800);
  EXPECT_EQ(slots.kv_queued_tokens(), 400);
  EXPECT_EQ(slots.queued(), 2u);
  ASSERT_EQ(admitted.size(), 2u);
  EXPECT_EQ(admitted[0].arrival_s, 0.0);
  EXPECT_EQ(admitted[1].arrival_s, 0.1);
  EXPECT_EQ(admitted[1].joined_s, 1.0);

  // 10 steps finish both: their KV is released and the queue moves on.
  std::vector<Request> finished;
  for (int step = 0; step < 10; ++step)
    slots.advance(2.0 + step, finished, admitted);
  EXPECT_EQ(finished.size(), 2u);
  EXPECT_EQ(slots.kv_reserved_tokens(), 0);
  admitted.clear();
  EXPECT_EQ(slots.admit(20.0, admitted), 2);
  EXPECT_EQ(slots.kv_reserved_tokens(), 400);
  EXPECT_EQ(slots.peak_kv_reserved_tokens(), 800);
  EXPECT_LE(slots.peak_kv_reserved_tokens(), slots.kv_capacity_tokens());
}

TEST(Admission, SlotsCapTheBatchAndOversizedRequestsAreRejected)
{
  RequestIds ids;
  RequestSlots slots(2, ids, 1e6);
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(slots.enqueue({10, 5}, 0.0));
  EXPECT_FALSE(slots.enqueue({2'000'000, 5}, 0.0));  // more KV than the whole GPU holds: never runnable
  EXPECT_EQ(slots.rejected(), 1);
  std::vector<Request> admitted;
  EXPECT_EQ(slots.admit(0.0, admitted), 2);
  EXPECT_EQ(slots.requests().size(), 2u);
  EXPECT_EQ(slots.queued(), 1u);
}

TEST(Admission, ClosedLoopRefillWaitsWhenTheKvIsFull)
{
  // The source alternates a short request (KV 2) and a long one (KV 5005).
  class Alternating final : public RequestSource {
  public:
    RequestShape next() override { return (n_++ % 2 == 0) ? RequestShape{1, 1} : RequestShape{5, 5000}; }

  private:
    int n_ = 0;
  } source;
  RequestIds ids;
  std::mt19937_64 rng(1);
  // 2 slots, 5007 KV tokens: the initial short and long requests reserve 2 + 5005.
  RequestSlots slots(2, source, ids, rng, 0, 5007);
  ASSERT_EQ(slots.requests().size(), 2u);
  EXPECT_EQ(slots.kv_reserved_tokens(), 5007);
  std::vector<Request> finished;
  std::vector<Request> admitted;
  slots.advance(1.0, finished, admitted);  // the short request finishes; its refill is short too: fits in place
  EXPECT_EQ(finished.size(), 1u);
  ASSERT_EQ(admitted.size(), 1u);
  EXPECT_EQ(admitted[0].prompt_tokens, 1);
  EXPECT_EQ(admitted[0].arrival_s, 1.0);
  finished.clear();
  admitted.clear();
  slots.advance(2.0, finished, admitted);  // the short one finishes again; its long refill does not fit
  EXPECT_EQ(admitted.size(), 0u);
  EXPECT_EQ(slots.queued(), 1u);
  EXPECT_EQ(slots.requests().size(), 1u);
  EXPECT_EQ(slots.kv_reserved_tokens(), 5005);
}

TEST(Routing, RoundRobinTakesTurnsAndLeastKvPicksTheLightestWorker)
{
  RequestIds ids;
  RequestSlots a(8, ids, 1e9);
  RequestSlots b(8, ids, 1e9);
  RequestSlots c(8, ids, 1e9);
  std::vector<TracedRequest> trace = {{100, 10, 0.0}, {10, 10, 0.0}, {10, 10, 0.0}, {10, 10, 1.0}};
  RequestDispatcher rr(std::make_unique<TraceArrivals>(trace), RoutingPolicy::round_robin, {&a, &b, &c});
  rr.dispatch_until(0.5);
  EXPECT_EQ(rr.arrived(), 3);
  EXPECT_EQ(a.queued() + b.queued() + c.queued(), 3u);
  EXPECT_EQ(a.queued(), 1u);
  EXPECT_EQ(rr.next_arrival_s(), 1.0);
  rr.dispatch_until(1.0);
  EXPECT_EQ(a.queued(), 2u);  // the fourth arrival wraps around to the first worker
  EXPECT_TRUE(std::isinf(rr.next_arrival_s()));

  RequestSlots x(8, ids, 1e9);
  RequestSlots y(8, ids, 1e9);
  RequestDispatcher least(std::make_unique<TraceArrivals>(trace), RoutingPolicy::least_kv, {&x, &y});
  least.dispatch_until(0.0);
  // 110 KV tokens to x (tie: lower index), then 20 and 20 to y (20 < 110, then 40 < 110).
  EXPECT_EQ(x.kv_queued_tokens(), 110);
  EXPECT_EQ(y.kv_queued_tokens(), 40);
  EXPECT_TRUE(least.busy());
}

TEST(Arrivals, PoissonGapsHaveTheRateAndAreFixedBySeed)
{
  const double rate_per_s = 50;
  PoissonArrivals a(rate_per_s, std::make_unique<FixedLengthSource>(RequestShape{1, 1}), 7);
  PoissonArrivals b(rate_per_s, std::make_unique<FixedLengthSource>(RequestShape{1, 1}), 7);
  const int n = 200000;
  double last_s = 0;
  double sum_squares = 0;
  for (int i = 0; i < n; ++i) {
    const double t = a.pop().arrival_s;
    ASSERT_EQ(t, b.pop().arrival_s);
    ASSERT_GE(t, last_s);
    sum_squares += (t - last_s) * (t - last_s);
    last_s = t;
  }
  // Exponential gaps: mean 1 / rate, E[gap^2] = 2 / rate^2; the sample mean's sd is 1/(rate sqrt n).
  EXPECT_NEAR(last_s / n, 1 / rate_per_s, 5 / (rate_per_s * std::sqrt(n)));
  EXPECT_NEAR(sum_squares / n, 2 / (rate_per_s * rate_per_s), 0.02 * 2 / (rate_per_s * rate_per_s));
}

} // namespace
} // namespace afdsim
