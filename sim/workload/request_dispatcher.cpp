#include "sim/workload/request_dispatcher.hpp"

#include <stdexcept>
#include <tuple>

namespace afdsim {

RequestDispatcher::RequestDispatcher(std::unique_ptr<ArrivalSchedule> arrivals, RoutingPolicy routing,
                                     std::vector<RequestSlots*> workers)
    : arrivals_(std::move(arrivals)), routing_(routing), workers_(std::move(workers))
{
  if (!arrivals_ || workers_.empty())
    throw std::invalid_argument("RequestDispatcher: needs arrivals and at least one worker");
}

size_t RequestDispatcher::pick_worker()
{
  if (routing_ == RoutingPolicy::round_robin) {
    const size_t w = next_round_robin_;
    next_round_robin_ = (next_round_robin_ + 1) % workers_.size();
    return w;
  }
  auto load = [](const RequestSlots& s) {
    return std::make_tuple(s.kv_reserved_tokens() + s.kv_queued_tokens(), s.requests().size() + s.queued());
  };
  size_t best = 0;
  for (size_t w = 1; w < workers_.size(); ++w)
    if (load(*workers_[w]) < load(*workers_[best]))
      best = w;
  return best;
}

void RequestDispatcher::dispatch_until(double now_s)
{
  while (arrivals_->next_s() <= now_s) {
    const Arrival a = arrivals_->pop();
    ++arrived_;
    workers_[pick_worker()]->enqueue(a.shape, a.arrival_s);
  }
}

bool RequestDispatcher::busy() const
{
  for (const RequestSlots* w : workers_)
    if (!w->requests().empty() || w->queued() > 0)
      return true;
  return false;
}

} // namespace afdsim
