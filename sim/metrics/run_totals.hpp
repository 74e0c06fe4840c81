#pragma once
// What the metrics need of a run's compute, wait, message, token and admission records, summed
// while the run goes (streaming_metrics.hpp) so that the records themselves need not be kept:
// each worker's time per claim inside the window, message totals, and the samples whose mean and
// percentiles the report gives. The values are exactly those the whole records give.
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/measurement_window.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace afdsim {

// Claims on a worker's time, highest first: compute, then the waits in kWaitClaimOrder.
inline constexpr std::size_t kClaims = 1 + kWaitClaimOrder.size();
inline constexpr std::size_t kComputeClaim = 0;
inline std::size_t wait_claim(WaitCause cause) { return 1 + wait_claim_index(cause); }

// One worker's window time, each instant counted once, under its highest claim.
struct ClaimTotals {
  std::array<double, kClaims> seconds{};  // index: kComputeClaim, then wait_claim(cause)
};

// Messages of window steps (step >= first_step), by the roles of their two ends.
struct MessageTotals {
  double a2f_bytes = 0;
  double f2a_bytes = 0;
  int64_t a2f_transfers = 0;
  int64_t f2a_transfers = 0;
  double allreduce_bytes = 0;
  int64_t allreduce_transfers = 0;
};

struct RunTotals {
  MeasurementWindow window;           // what the totals were taken over
  std::vector<ClaimTotals> workers;   // EventLog::workers order
  MessageTotals messages;
  std::vector<double> tpot_s;           // per request with two or more window tokens, by request id
  std::vector<double> barrier_waits_s;  // per (window step, layer, microbatch) with inputs to an FFN worker; ascending
  std::vector<double> queue_delays_s;   // per admission inside [t0, t1]; ascending
  int64_t ffn_tokens = 0;               // FFN computes of window steps: tokens received
  int64_t ffn_padding_tokens = 0;       // ... and rows computed beyond them
};

} // namespace afdsim
