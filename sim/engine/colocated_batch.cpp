#include "sim/engine/colocated_batch.hpp"

#include <stdexcept>
#include <string>

namespace afdsim {

const StepBatch& ColocatedBatch::batch(int step)
{
  if (step == next_step_) {
    StepBatch frozen;
    frozen.requests = static_cast<int>(slots_.requests().size());
    frozen.context_tokens = slots_.context_tokens();
    for (const auto& request : slots_.requests()) {
      frozen.request_ids.push_back(request.id);
      if (request.decoded_tokens == 0 && request.joined_s >= 0)
        frozen.first_token_ids.push_back(request.id);
    }
    // Any time >= 0 marks the new requests as joined during the run; rank 0 knows when (the end
    // of its previous step), which this SimGrid-free class does not.
    slots_.advance(0.0, frozen.finishing);
    ++next_step_;
    return frozen_.emplace(step, std::move(frozen)).first->second;
  }
  const auto it = frozen_.find(step);
  if (it == frozen_.end())
    throw std::logic_error("colocated batch: step " + std::to_string(step) + " asked while the next step to start is " +
                           std::to_string(next_step_) + " (skipped or already released)");
  return it->second;
}

void ColocatedBatch::release(int step) { frozen_.erase(step); }

} // namespace afdsim
