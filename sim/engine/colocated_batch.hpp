#pragma once
// The decode batch of one colocated replica, shared by the k GPUs of its tensor-parallel group.
// The GPUs of a group reach a step at slightly different times (their all-reduces finish one
// after another), so the batch of each step is frozen when the first GPU asks for it; the
// request slots then move on to the next step. Plain C++, no SimGrid.
#include "sim/workload/request_slots.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace afdsim {

struct StepBatch {
  int requests = 0;
  double context_tokens = 0;          // KV tokens attention reads per layer, summed over requests
  std::vector<int64_t> request_ids;   // one token each at the step's end
  std::vector<int64_t> first_token_ids;  // requests that joined during the run and start decoding now
  std::vector<Request> finishing;        // requests whose last token this step makes
};

class ColocatedBatch {
public:
  explicit ColocatedBatch(RequestSlots slots) : slots_(std::move(slots)) {}

  // The batch of `step`. Steps are asked in order; the first ask of a step freezes it and
  // advances the slots. Throws std::logic_error for a step skipped or already released.
  const StepBatch& batch(int step);
  // Every GPU of the group is past the start of `step`: its batch can go.
  void release(int step);
  size_t held_steps() const { return frozen_.size(); }

private:
  RequestSlots slots_;
  std::map<int, StepBatch> frozen_;  // steps asked and not yet released
  int next_step_ = 0;                // the next step to freeze
};

} // namespace afdsim
