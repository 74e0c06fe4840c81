#pragma once
// A Chrome trace (JSON "traceEvents", opens in Perfetto UI and chrome://tracing) of a window of
// the run: one process per GPU (pid = worker index + 1), thread 0 "compute" with a complete event
// per state segment other than idle, threads "network", "network 2", ... with a complete event
// per message sent (a new lane only where sends overlap), and a flow s -> f from each send to the
// receiver's compute thread. Timestamps in microseconds with 3 decimals (ns).
#include "sim/metrics/event_log.hpp"
#include "sim/trace/trace_window.hpp"

#include <string>

namespace afdsim {

// Writes `path` atomically; returns the number of trace events written (metadata included).
// Throws InputError ("--chrome: FILE: ...") when the file cannot be written.
std::size_t write_chrome_trace(const std::string& path, const EventLog& log, const TraceWindow& window);

} // namespace afdsim
