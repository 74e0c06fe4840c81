#include "sim/workload/arrivals.hpp"

#include "sim/workload/length_sampler.hpp"

#include <cmath>
#include <stdexcept>

namespace afdsim {

namespace {

// The arrival gaps draw from their own stream: changing the rate leaves the lengths as they were.
constexpr uint64_t kArrivalStream = 0x9e3779b97f4a7c15ULL;

} // namespace

PoissonArrivals::PoissonArrivals(double rate_per_s, std::unique_ptr<RequestSource> lengths, uint64_t seed)
    : rate_per_s_(rate_per_s), lengths_(std::move(lengths)), rng_(seed ^ kArrivalStream)
{
  if (!(rate_per_s > 0))
    throw std::invalid_argument("PoissonArrivals: rate must be positive");
  next_s_ = gap_s();
}

double PoissonArrivals::gap_s() { return -std::log(uniform_open01(rng_)) / rate_per_s_; }

Arrival PoissonArrivals::pop()
{
  Arrival a{next_s_, lengths_->next()};
  next_s_ += gap_s();
  return a;
}

Arrival TraceArrivals::pop()
{
  if (next_ >= requests_.size())
    throw std::logic_error("TraceArrivals: no arrival left");
  const TracedRequest& r = requests_[next_++];
  return {r.arrival_s, RequestShape{r.prompt_tokens, r.output_tokens}};
}

std::unique_ptr<ArrivalSchedule> make_arrival_schedule(const WorkloadConfig& workload)
{
  switch (workload.arrival) {
  case ArrivalProcess::closed: return nullptr;
  case ArrivalProcess::poisson:
    return std::make_unique<PoissonArrivals>(workload.arrival_rate_per_s, make_request_source(workload), workload.seed);
  case ArrivalProcess::trace: return std::make_unique<TraceArrivals>(workload.trace.requests);
  }
  return nullptr;
}

} // namespace afdsim
