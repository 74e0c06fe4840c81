// The pieces of the trace writers that need no simulation: the --trace-steps grammar, the default
// window, the node of a host, and how the GPU timeline settles overlapping records.
#include "sim/trace/gpu_timeline.hpp"
#include "sim/trace/paje_writer.hpp"
#include "sim/trace/trace_window.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

namespace afdsim {
namespace {

TEST(TraceSteps, ParsesRangesAndAllAndRefusesTheRest)
{
  const auto r = parse_step_range("20:22");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->all);
  EXPECT_EQ(r->first, 20);
  EXPECT_EQ(r->last, 22);
  EXPECT_TRUE(parse_step_range("all")->all);
  EXPECT_TRUE(parse_step_range("5:5"));
  for (const char* bad : {"", "5", "5:", ":5", "6:5", "-1:3", "+1:3", "1:3:4", "a:b", "1e2:200", " 1:2", "ALL",
                          "1:9999999999"})
    EXPECT_FALSE(parse_step_range(bad)) << bad;
}

TEST(TraceSteps, DefaultIsTheThreeStepsAfterWarmupClippedToTheRun)
{
  const StepRange d = default_trace_steps(20, 200);
  EXPECT_EQ(d.first, 20);
  EXPECT_EQ(d.last, 22);
  const StepRange short_run = default_trace_steps(1, 3);
  EXPECT_EQ(short_run.first, 1);
  EXPECT_EQ(short_run.last, 2);
}

TEST(TraceSteps, NodeIsTheHostNameBeforeItsLastDash)
{
  EXPECT_EQ(node_of_host("node0-gpu3"), "node0");
  EXPECT_EQ(node_of_host("n1-gpu2"), "n1");
  EXPECT_EQ(node_of_host("gpu0"), "gpu0");
}

// One worker: a wait [0, 4) that overlaps two computes [1, 2) and [3, 5); window [0.5, 4.5].
EventLog overlapping_log()
{
  EventLog log;
  log.workers = {{"attn0", WorkerRole::attention, "node0-gpu0"}};
  log.computes = {{0, ComputeKind::attention, 0, 0, 0, 8, 1.0, 2.0}, {0, ComputeKind::lm_head, 0, -1, -1, 8, 3.0, 5.0}};
  log.waits = {{0, WaitCause::ffn_result, 0, 0, 0, 0.0, 4.0}};
  log.steps = {{0, 0, 8, 0, 0.5, 4.5}};
  return log;
}

TEST(GpuTimeline, ComputeWinsOverWaitsAndIdleFillsTheRest)
{
  const EventLog log = overlapping_log();
  const TraceWindow w = trace_window(log, StepRange{false, 0, 0});
  EXPECT_EQ(w.t0_s, 0.5);
  EXPECT_EQ(w.t1_s, 4.5);
  const auto timeline = gpu_timelines(log, w).at(0);
  const std::vector<std::tuple<GpuState, double, double>> expected = {{GpuState::wait_ffn, 0.5, 1.0},
                                                                      {GpuState::attention, 1.0, 2.0},
                                                                      {GpuState::wait_ffn, 2.0, 3.0},
                                                                      {GpuState::lm_head, 3.0, 4.5}};
  ASSERT_EQ(timeline.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); i++) {
    EXPECT_EQ(timeline[i].state, std::get<0>(expected[i])) << i;
    EXPECT_EQ(timeline[i].start_s, std::get<1>(expected[i])) << i;
    EXPECT_EQ(timeline[i].end_s, std::get<2>(expected[i])) << i;
  }
}

TEST(GpuTimeline, GapsAreIdleAndAWindowPastTheRunIsRefused)
{
  EventLog log = overlapping_log();
  log.waits.clear();
  const auto timeline = gpu_timelines(log, trace_window(log, StepRange{false, 0, 0})).at(0);
  ASSERT_EQ(timeline.size(), 4u);
  EXPECT_EQ(timeline[0].state, GpuState::idle);
  EXPECT_EQ(timeline[2].state, GpuState::idle);
  EXPECT_EQ(timeline[2].start_s, 2.0);
  EXPECT_EQ(timeline[2].end_s, 3.0);
  EXPECT_THROW(trace_window(log, StepRange{false, 0, 1}), InputError);
}

} // namespace
} // namespace afdsim
