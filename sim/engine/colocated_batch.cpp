#include "sim/engine/colocated_batch.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace afdsim {

const StepBatch& ColocatedBatch::batch(int step, int attempt, double now_s, RequestDispatcher* dispatcher)
{
  const auto it = frozen_.find(step);
  if (it != frozen_.end() && it->second.attempt >= attempt)
    return it->second;
  const bool refreeze_idle = it != frozen_.end() && step + 1 == next_step_ && it->second.idle_until_s >= 0;
  if (step != next_step_ && !refreeze_idle)
    throw std::logic_error("colocated batch: step " + std::to_string(step) + " asked while the next step to start is " +
                           std::to_string(next_step_) + " (skipped or already released)");
  if (refreeze_idle)
    --next_step_;
  StepBatch frozen = freeze(attempt, now_s, dispatcher);
  if (frozen.idle_until_s < 0 && !frozen.end_of_run)
    advance_due_ = true;
  ++next_step_;
  return frozen_.insert_or_assign(step, std::move(frozen)).first->second;
}

StepBatch ColocatedBatch::freeze(int attempt, double now_s, RequestDispatcher* dispatcher)
{
  StepBatch frozen;
  frozen.attempt = attempt;
  if (advance_due_) {  // the previous step ended (on the group's first GPU) now
    std::vector<Request> finished;
    slots_.advance(now_s, finished, frozen.admitted);
    advance_due_ = false;
  }
  if (dispatcher)
    dispatcher->dispatch_until(now_s);
  slots_.admit(now_s, frozen.admitted);
  if (dispatcher && slots_.requests().empty()) {
    const double next_s = dispatcher->next_arrival_s();
    if (slots_.queued() == 0 && std::isinf(next_s))
      frozen.end_of_run = true;
    else
      frozen.idle_until_s = next_s;
    return frozen;
  }
  frozen.requests = static_cast<int>(slots_.requests().size());
  frozen.context_tokens = slots_.context_tokens();
  for (const auto& request : slots_.requests()) {
    frozen.request_ids.push_back(request.id);
    if (request.decoded_tokens + 1 == request.output_tokens)
      frozen.finishing.push_back(request);
  }
  return frozen;
}

void ColocatedBatch::release(int step) { frozen_.erase(step); }

} // namespace afdsim
