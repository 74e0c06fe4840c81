// RunRecorder without SimGrid: which records each retention keeps (TraceRetention), and what
// finish() does when the run has no measurement window.
#include "sim/metrics/run_recorder.hpp"
#include "sim/metrics/trace_retention.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace afdsim::test {
namespace {

// Two stepping workers whose steps 0..5 take 1 s each, worker 1 half a second behind worker 0.
struct TwoWorkers {
  static double start_s(int worker, int step) { return step + 0.5 * worker; }
  static StepRecord record(int worker, int step)
  {
    return {worker, step, 4, 100.0, start_s(worker, step), start_s(worker, step) + 1};
  }
};

TEST(TraceRetention, MetricsOnlyKeepsNothingAndEverythingKeepsAll)
{
  const TraceRetention none(RecordRetention{}, 2);
  const TraceRetention all(RecordRetention::all_records(), 2);
  for (int step : {0, 3, 100}) {
    EXPECT_FALSE(none.keeps(step, 0.0, 1e9));
    EXPECT_TRUE(all.keeps(step, 0.0, 0.0));
  }
  EXPECT_FALSE(none.keeps_everything());
  EXPECT_TRUE(all.keeps_everything());
  EXPECT_FALSE(TraceRetention(RecordRetention::for_trace(0, -1), 2).keeps_everything());
}

TEST(TraceRetention, ATraceKeepsItsStepsTheirNeighboursAndWhatOverlapsItsSpan)
{
  TraceRetention trace(RecordRetention::for_trace(2, 3), 2);
  // Steps 1..4 whatever their times; others only once they overlap [t0, t1], as it becomes known.
  EXPECT_TRUE(trace.keeps(1, 0.0, 0.1));
  EXPECT_TRUE(trace.keeps(4, 90.0, 91.0));
  EXPECT_FALSE(trace.keeps(0, 1.5, 2.5));  // t0 not known yet: nothing of another step
  trace.step_started(2, TwoWorkers::start_s(0, 2));  // t0 = 2
  trace.step_started(2, TwoWorkers::start_s(1, 2));  // later: t0 stays
  EXPECT_FALSE(trace.keeps(0, 1.5, 1.99));
  EXPECT_TRUE(trace.keeps(0, 1.5, 2.0));  // ends at t0
  EXPECT_TRUE(trace.keeps(7, 50.0, 60.0));  // t1 not known yet: anything after t0
  trace.step_ended(TwoWorkers::record(0, 3));  // ends at 4; worker 1 has not ended step 3
  EXPECT_TRUE(trace.keeps(7, 4.2, 5.0));
  trace.step_ended(TwoWorkers::record(1, 3));  // t1 = 4.5
  EXPECT_TRUE(trace.keeps(7, 4.5, 5.0));
  EXPECT_FALSE(trace.keeps(7, 4.51, 5.0));
  EXPECT_TRUE(trace.keeps(4, 4.51, 5.0));  // a neighbouring step, still
}

TEST(TraceRetention, ATraceToTheEndKeepsEveryStepFromTheOneBeforeItsFirst)
{
  const TraceRetention trace(RecordRetention::for_trace(3, -1), 2);
  EXPECT_FALSE(trace.keeps(1, 0.0, 1.0));
  EXPECT_TRUE(trace.keeps(2, 0.0, 1.0));
  EXPECT_TRUE(trace.keeps(1000, 0.0, 1.0));
}

RunRecorder recorder_of_two_workers(int warmup_steps, int steps, const RecordRetention& retention)
{
  RunRecorder recorder;
  recorder.log().workers = {{"gpu0", WorkerRole::colocated, "h0"}, {"gpu1", WorkerRole::colocated, "h1"}};
  RecordingPlan plan;
  plan.warmup_steps = warmup_steps;
  plan.steps = steps;
  plan.stepping_workers = 2;
  plan.retention = retention;
  recorder.begin(plan);
  return recorder;
}

// Steps 0..steps-1 of the two workers, each a compute and a token, fed in time order as the
// engine does (worker 0 starts step s + 1 when worker 1 is half-way through step s).
void run_two_workers(RunRecorder& recorder, int steps)
{
  const auto start = [&recorder](int w, int step) {
    recorder.step_started(step, TwoWorkers::start_s(w, step));
    recorder.compute({w, ComputeKind::ffn, step, 0, 0, 4, TwoWorkers::start_s(w, step), TwoWorkers::start_s(w, step) + 1});
    recorder.token({step * 2 + w, w, step, TwoWorkers::start_s(w, step) + 1});
  };
  for (int step = 0; step < steps; ++step) {
    start(0, step);
    if (step > 0)
      recorder.step(TwoWorkers::record(1, step - 1));
    start(1, step);
    recorder.step(TwoWorkers::record(0, step));
  }
  recorder.step(TwoWorkers::record(1, steps - 1));
}

TEST(RunRecorder, KeepsTheRecordsItsRetentionAsksFor)
{
  RunRecorder recorder = recorder_of_two_workers(1, 6, RecordRetention::for_trace(4, 4));
  run_two_workers(recorder, 6);
  const std::optional<RunTotals> totals = recorder.finish();
  ASSERT_TRUE(totals.has_value());
  EXPECT_EQ(totals->window.first_step, 1);
  EXPECT_EQ(totals->window.last_step, 5);
  const EventLog log = recorder.take_log();
  EXPECT_EQ(log.steps.size(), 12u);
  std::vector<int> kept_steps;
  for (const auto& c : log.computes)
    kept_steps.push_back(c.step);
  // Steps 3..5 as neighbours; none of step 2, which ended (3.5 s) before step 4 began (4 s).
  EXPECT_EQ(kept_steps, (std::vector<int>{3, 3, 4, 4, 5, 5}));
  EXPECT_TRUE(log.tokens.empty());
}

TEST(RunRecorder, ARunWithNoStepAfterTheWarmUpHasNoTotals)
{
  RunRecorder recorder = recorder_of_two_workers(3, 6, {});
  run_two_workers(recorder, 3);  // an open-loop run that ended after 3 steps
  EXPECT_FALSE(recorder.finish().has_value());  // compute_metrics reports the input error
}

TEST(RunRecorder, AnEmptyWindowIsAnInternalErrorNotAMissingWindow)
{
  RunRecorder recorder = recorder_of_two_workers(0, 1, {});
  for (int w = 0; w < 2; ++w) {
    recorder.step_started(0, 1.0);
    recorder.step({w, 0, 4, 100.0, 1.0, 1.0});  // a step that took no time
  }
  try {
    recorder.finish();
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "event log: step 0 has no record, or the window is empty (t0 >= t1)");
  }
}

} // namespace
} // namespace afdsim::test
