#pragma once
// A Paje trace (ViTE, PajeNG) of a window of the run, from the EventLog: containers platform ->
// node -> GPU, one GPU_STATE per GPU (attention, ffn, lm_head, the waits, allreduce, idle), a
// link per activation message and, on attention GPUs, the number of microbatches in flight.
// Times are simulated seconds with 9 decimals (ns).
#include "sim/metrics/event_log.hpp"
#include "sim/trace/trace_window.hpp"

#include <string>

namespace afdsim {

// The node a host sits on: the text before the host name's last '-' ("node0-gpu3" -> "node0",
// "n1-gpu2" -> "n1"); a name without '-' is its own node.
std::string node_of_host(const std::string& host);

// Writes `path` atomically; returns the number of Paje events written (header excluded).
// Throws InputError ("--paje: FILE: ...") when the file cannot be written.
std::size_t write_paje_trace(const std::string& path, const EventLog& log, const TraceWindow& window);

} // namespace afdsim
