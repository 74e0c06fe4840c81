#pragma once
// What each GPU does at every instant of a trace window, as contiguous state segments that
// cover [t0, t1] exactly once. Overlaps are settled in the metrics' order (worker_time.cpp):
// compute, then the FFN-result, first-input, barrier and all-reduce waits, then idle; so the
// time of each state equals the report's busy and wait times of the same window.
#include "sim/metrics/event_log.hpp"
#include "sim/trace/trace_window.hpp"

#include <array>
#include <vector>

namespace afdsim {

enum class GpuState { attention, ffn, lm_head, wait_ffn, wait_first_input, wait_barrier, allreduce, idle };
constexpr std::array<GpuState, 8> kGpuStates = {GpuState::attention,    GpuState::ffn,
                                                GpuState::lm_head,      GpuState::wait_ffn,
                                                GpuState::wait_first_input, GpuState::wait_barrier,
                                                GpuState::allreduce,    GpuState::idle};
const char* to_string(GpuState s);
// "r g b" in [0, 1], for Paje; the Chrome writer and plot_timeline.py use the same hues.
const char* paje_color(GpuState s);

struct StateSegment {
  GpuState state;
  double start_s;
  double end_s;
  int step;        // -1 for idle
  int layer;       // -1 for lm_head and idle
  int microbatch;  // -1 for lm_head and idle
  int tokens;      // compute only; 0 otherwise
};

// Per worker (EventLog::workers order), segments sorted by time, adjacent and non-empty.
std::vector<std::vector<StateSegment>> gpu_timelines(const EventLog& log, const TraceWindow& window);

// Messages that start and end inside the window, sorted by start.
std::vector<TransferRecord> window_transfers(const EventLog& log, const TraceWindow& window);

// "a2f", "f2a" or "allreduce", from the roles of the two ends.
const char* message_kind(const EventLog& log, const TransferRecord& t);

} // namespace afdsim
