#pragma once
// Where new decode requests come from: their prompt and output lengths. Fixed lengths here;
// length distributions and traces in length_sources.hpp.
#include "sim/config/scenario.hpp"

#include <cstdint>
#include <memory>
#include <random>

namespace afdsim {

struct RequestShape {
  int prompt_tokens = 0;  // KV tokens already in the cache when decoding starts
  int output_tokens = 0;  // tokens decoded before the request leaves (>= 1)
};

class RequestSource {
public:
  virtual ~RequestSource() = default;
  virtual RequestShape next() = 0;
};

class FixedLengthSource final : public RequestSource {
public:
  explicit FixedLengthSource(RequestShape shape) : shape_(shape) {}
  RequestShape next() override { return shape_; }

private:
  RequestShape shape_;
};

// The source the scenario's workload section describes.
std::unique_ptr<RequestSource> make_request_source(const WorkloadConfig& workload);

// RequestSlots' warm start for the workload: 0 for fixed lengths (the uniform initial progress
// is already stationary, and results stay as before distributions existed); else 256 mean output
// lengths, so that the initial requests are length-biased as in the stationary closed loop (a
// slot replayed from an empty start near 0 is short of its stationary age: the bias of the mean
// age is E[age^2] / (2 x 256 mean output), 0.2% for geometric outputs).
uint64_t warm_start_tokens(const WorkloadConfig& workload);

// Uniform integer in [0, n), n >= 1, by rejection then modulo: unbiased, and the same sequence
// on every standard library (std::uniform_int_distribution is implementation-defined).
uint64_t uniform_below(std::mt19937_64& rng, uint64_t n);

} // namespace afdsim
