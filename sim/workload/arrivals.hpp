#pragma once
// Open-loop arrivals (workload.arrival poisson | trace): requests in time order, each with its
// lengths. Poisson: exponential gaps at workload.arrival_rate_per_s from a generator of its own
// (the lengths come from the workload's request source, so they match the closed loop's draws);
// trace: each line of workload.trace once, at its arrival_s.
#include "sim/config/scenario.hpp"
#include "sim/workload/request_source.hpp"

#include <limits>
#include <memory>
#include <random>

namespace afdsim {

struct Arrival {
  double arrival_s = 0;
  RequestShape shape;
};

class ArrivalSchedule {
public:
  virtual ~ArrivalSchedule() = default;
  // Time of the next arrival; infinity once there is none.
  virtual double next_s() const = 0;
  // The next arrival (next_s() must be finite).
  virtual Arrival pop() = 0;
};

class PoissonArrivals final : public ArrivalSchedule {
public:
  PoissonArrivals(double rate_per_s, std::unique_ptr<RequestSource> lengths, uint64_t seed);
  double next_s() const override { return next_s_; }
  Arrival pop() override;

private:
  double gap_s();
  double rate_per_s_;
  std::unique_ptr<RequestSource> lengths_;
  std::mt19937_64 rng_;
  double next_s_ = 0;
};

class TraceArrivals final : public ArrivalSchedule {
public:
  explicit TraceArrivals(std::vector<TracedRequest> requests) : requests_(std::move(requests)) {}
  double next_s() const override
  {
    return next_ < requests_.size() ? requests_[next_].arrival_s : std::numeric_limits<double>::infinity();
  }
  Arrival pop() override;

private:
  std::vector<TracedRequest> requests_;
  size_t next_ = 0;
};

// The schedule of an open-loop workload; nullptr for the closed loop.
std::unique_ptr<ArrivalSchedule> make_arrival_schedule(const WorkloadConfig& workload);

} // namespace afdsim
