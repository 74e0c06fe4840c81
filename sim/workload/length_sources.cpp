#include "sim/workload/length_sources.hpp"

#include "sim/workload/length_sampler.hpp"

#include <stdexcept>

namespace afdsim {

namespace {
// Any fixed odd constant: keeps the length stream apart from the initial-progress stream, which
// uses the seed itself.
constexpr uint64_t kLengthStream = 0x9e3779b97f4a7c15ULL;
} // namespace

DistributionSource::DistributionSource(LengthDistribution prompt, LengthDistribution output, uint64_t seed)
    : prompt_(prompt), output_(output), rng_(seed ^ kLengthStream)
{
}

RequestShape DistributionSource::next()
{
  RequestShape shape;
  shape.prompt_tokens = sample_length(prompt_, rng_);
  shape.output_tokens = sample_length(output_, rng_);
  return shape;
}

TraceSource::TraceSource(std::vector<TracedRequest> requests) : requests_(std::move(requests))
{
  if (requests_.empty())
    throw std::invalid_argument("TraceSource: a trace needs at least one request");
}

RequestShape TraceSource::next()
{
  const TracedRequest& r = requests_[next_];
  next_ = (next_ + 1) % requests_.size();
  return {r.prompt_tokens, r.output_tokens};
}

} // namespace afdsim
