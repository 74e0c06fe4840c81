#pragma once
// Open loop: hands each arriving request to one worker's queue by the routing policy. Admission
// and completion happen only at step boundaries, so routing every arrival up to `now` when a
// worker reaches a boundary sees the same loads as routing it at its arrival time: no actor of
// its own is needed. Plain C++, no SimGrid.
#include "sim/config/scenario.hpp"
#include "sim/workload/arrivals.hpp"
#include "sim/workload/request_slots.hpp"

#include <memory>
#include <vector>

namespace afdsim {

class RequestDispatcher {
public:
  RequestDispatcher(std::unique_ptr<ArrivalSchedule> arrivals, RoutingPolicy routing,
                    std::vector<RequestSlots*> workers);

  // Routes every arrival at or before `now_s`, in arrival order.
  void dispatch_until(double now_s);
  // When the next request arrives; infinity when none will.
  double next_arrival_s() const { return arrivals_->next_s(); }
  // Some worker has a request decoding or queued.
  bool busy() const;
  int64_t arrived() const { return arrived_; }

  // The worker `routing` picks for the next arrival. round_robin: in turn; least_kv: the least
  // KV reserved by requests decoding and queued, ties to the fewer requests, then the lower index.
  size_t pick_worker();

private:
  std::unique_ptr<ArrivalSchedule> arrivals_;
  RoutingPolicy routing_;
  std::vector<RequestSlots*> workers_;
  size_t next_round_robin_ = 0;
  int64_t arrived_ = 0;
};

} // namespace afdsim
