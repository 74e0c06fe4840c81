#pragma once
// What a simulation run leaves behind: plain records of computes, waits, transfers, steps and
// tokens, in simulated seconds. The SimGrid actors write them (through RunRecorder, which feeds
// the metrics' running totals and keeps what RecordRetention asks for); reports and traces read
// them without SimGrid.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace afdsim {

enum class WorkerRole { attention, ffn, colocated };
inline const char* to_string(WorkerRole r)
{
  return r == WorkerRole::attention ? "attention" : r == WorkerRole::ffn ? "ffn" : "colocated";
}

struct WorkerInfo {
  std::string name;  // "attn0", ..., "ffn0"; colocated: "gpu0", ...
  WorkerRole role;
  std::string host;  // SimGrid host it runs on
};

enum class ComputeKind { attention, ffn, lm_head };

// GPU busy: one exec on the worker's host.
struct ComputeRecord {
  int worker;
  ComputeKind kind;
  int step;
  int layer;       // -1 for lm_head
  int microbatch;  // -1 for lm_head
  int tokens;
  double start_s;
  double end_s;
  int padding_tokens = 0;  // FFN: rows computed beyond `tokens` (deployment.padding)
};

enum class WaitCause {
  ffn_result,     // attention worker waiting for the FFN output of a microbatch
  first_input,    // FFN worker waiting until the first of the r inputs of a (layer, microbatch) arrives
  barrier,        // FFN worker waiting for the remaining inputs after the first arrived
  allreduce,      // colocated TP worker waiting for its group's all-reduce messages
};

// Where wait records overlap, the time goes to the first cause in this order (after compute,
// before idle). The metrics and the traces split a worker's time by this one rule.
inline constexpr std::array<WaitCause, 4> kWaitClaimOrder = {WaitCause::ffn_result, WaitCause::first_input,
                                                             WaitCause::barrier, WaitCause::allreduce};
inline std::size_t wait_claim_index(WaitCause cause)
{
  return static_cast<std::size_t>(std::find(kWaitClaimOrder.begin(), kWaitClaimOrder.end(), cause) -
                                  kWaitClaimOrder.begin());
}

struct WaitRecord {
  int worker;
  WaitCause cause;
  int step;
  int layer;
  int microbatch;  // allreduce: 0 after attention, 1 after FFN
  double start_s;
  double end_s;
};

// One activation message, from the sender's put to the receiver's completion (colocated TP: one
// all-reduce message between two GPUs of a group).
struct TransferRecord {
  int src_worker;
  int dst_worker;
  int step;
  int layer;
  int microbatch;  // all-reduce messages: 0 after attention, 1 after FFN
  double bytes;
  double start_s;
  double end_s;
};

// One decode step on one attention (or colocated) worker.
struct StepRecord {
  int worker;
  int step;
  int requests;          // active requests = tokens produced by this step
  double context_tokens; // KV tokens read by attention in each layer (sum over requests)
  double start_s;
  double end_s;
};

// One output token of one request, produced at the end of a step.
struct TokenRecord {
  int64_t request;  // globally unique request id
  int worker;
  int step;
  double time_s;
};

// One request that joined a slot during the run and finished (the initial requests, which start
// mid-way, are left out). Colocated: recorded by the replica's rank 0, as its tokens.
struct RequestRecord {
  int64_t request;
  int worker;
  int prompt_tokens;
  int output_tokens;
  double start_s;  // when it was admitted (the end of a step): it decodes from the next step on
  double end_s;    // end of the step that produced its last token
  double arrival_s = -1;  // when it reached the worker's queue (closed loop: = start_s unless the KV was full)
};

// A request admitted to a worker's batch: closed loop, every refill of a slot; open loop, from the
// worker's queue. Recorded as it happens (also for requests still decoding when the run ends).
struct AdmissionRecord {
  int64_t request;
  int worker;
  double arrival_s;
  double admitted_s;
};

// One attention worker (colocated: one replica, by its rank 0) at the end of the run.
struct KvRecord {
  int worker;
  double capacity_tokens;       // sim/memory kv_capacity_tokens
  double peak_reserved_tokens;  // most KV reserved by its decoding requests at once
  int64_t queued_at_end;        // requests still waiting for admission
  int64_t rejected;             // requests whose KV exceeds the whole capacity
};

struct EventLog {
  std::vector<WorkerInfo> workers;
  // Kept as RecordRetention says (a trace's window, everything, or none):
  std::vector<ComputeRecord> computes;
  std::vector<WaitRecord> waits;
  std::vector<TransferRecord> transfers;
  // Always kept: one per (stepping worker, step), one per request.
  std::vector<StepRecord> steps;
  std::vector<TokenRecord> tokens;      // kept with RecordRetention::everything only
  std::vector<RequestRecord> requests;  // in completion order; always kept
  std::vector<AdmissionRecord> admissions;  // kept with RecordRetention::everything only
  std::vector<KvRecord> kv;             // index = attention worker (colocated: replica)
  int64_t arrivals = 0;                 // open loop: requests that arrived during the run
  double end_s = 0;            // simulated time when the last actor finished
  uint64_t activities = 0;     // SimGrid execs + comms started
};

} // namespace afdsim
