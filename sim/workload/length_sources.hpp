#pragma once
// Request sources beyond fixed lengths: independent prompt and output lengths drawn from their
// distributions, and the requests of a trace replayed in file order.
#include "sim/workload/request_source.hpp"

#include <vector>

namespace afdsim {

class DistributionSource final : public RequestSource {
public:
  // Its own generator, seeded from `seed`: the lengths do not shift when other draws (the initial
  // decode progress) change. Prompt first, then output, per request.
  DistributionSource(LengthDistribution prompt, LengthDistribution output, uint64_t seed);
  RequestShape next() override;

private:
  LengthDistribution prompt_;
  LengthDistribution output_;
  std::mt19937_64 rng_;
};

// Closed loop: after the last request of the trace comes the first again.
class TraceSource final : public RequestSource {
public:
  explicit TraceSource(std::vector<TracedRequest> requests);
  RequestShape next() override;

private:
  std::vector<TracedRequest> requests_;
  size_t next_ = 0;
};

} // namespace afdsim
