#pragma once
// The decode batch of one colocated replica, shared by the k GPUs of its tensor-parallel group.
// The GPUs of a group reach a step at slightly different times (their all-reduces finish one
// after another), so the batch of each step is frozen when the first GPU asks for it: the
// previous step's tokens are counted, what fits is admitted, and the batch is copied. Plain C++,
// no SimGrid.
#include "sim/workload/request_dispatcher.hpp"
#include "sim/workload/request_slots.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace afdsim {

struct StepBatch {
  int attempt = 0;                    // open loop: how many times this step was frozen idle before
  double idle_until_s = -1;           // >= 0: nothing to decode; idle until then and ask again
  bool end_of_run = false;            // open loop: nothing to decode, and nothing will arrive
  int requests = 0;
  double context_tokens = 0;          // KV tokens attention reads per layer, summed over requests
  std::vector<int64_t> request_ids;   // one token each at the step's end
  std::vector<Request> admitted;      // requests admitted when the step was frozen
  std::vector<Request> finishing;     // requests whose last token this step makes
};

class ColocatedBatch {
public:
  explicit ColocatedBatch(RequestSlots& slots) : slots_(slots) {}

  // The batch of `step` at simulated time `now_s`. Steps are asked in order; the first ask of a
  // step (or the first with an attempt above the frozen one, after an idle batch) freezes it.
  // `dispatcher` (open loop; else nullptr) routes the arrivals up to now first. Throws
  // std::logic_error for a step skipped or already released.
  const StepBatch& batch(int step, int attempt, double now_s, RequestDispatcher* dispatcher);
  // Every GPU of the group is past the start of `step`: its batch can go.
  void release(int step);
  size_t held_steps() const { return frozen_.size(); }

private:
  StepBatch freeze(int attempt, double now_s, RequestDispatcher* dispatcher);

  RequestSlots& slots_;
  std::map<int, StepBatch> frozen_;  // steps asked and not yet released
  int next_step_ = 0;                // the next step to freeze
  bool advance_due_ = false;         // the last frozen step's tokens are not counted yet
};

} // namespace afdsim
