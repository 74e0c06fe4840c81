#include "sim/workload/request_source.hpp"

#include "sim/workload/length_sources.hpp"

#include <limits>
#include <stdexcept>

namespace afdsim {

std::unique_ptr<RequestSource> make_request_source(const WorkloadConfig& workload)
{
  if (!workload.trace.requests.empty())
    return std::make_unique<TraceSource>(workload.trace.requests);
  if (workload.prompt_length.is_fixed() && workload.output_length.is_fixed())
    return std::make_unique<FixedLengthSource>(RequestShape{workload.prompt_tokens, workload.output_tokens});
  // Fixed lengths are the ints (what --set and the tests change); distributions are sampled.
  LengthDistribution prompt = workload.prompt_length;
  LengthDistribution output = workload.output_length;
  if (prompt.is_fixed())
    prompt = LengthDistribution::fixed_at(workload.prompt_tokens);
  if (output.is_fixed())
    output = LengthDistribution::fixed_at(workload.output_tokens);
  return std::make_unique<DistributionSource>(prompt, output, workload.seed);
}

uint64_t warm_start_tokens(const WorkloadConfig& workload)
{
  const bool fixed =
      workload.trace.requests.empty() && workload.prompt_length.is_fixed() && workload.output_length.is_fixed();
  return fixed ? 0 : 256 * static_cast<uint64_t>(workload.output_tokens);
}

uint64_t uniform_below(std::mt19937_64& rng, uint64_t n)
{
  if (n == 0)
    throw std::invalid_argument("uniform_below: empty range");
  constexpr uint64_t max = std::numeric_limits<uint64_t>::max();
  // Reject draws at or above the largest multiple of n below 2^64; every residue is then
  // equally likely.
  const uint64_t excess = (max % n + 1) % n;  // 2^64 mod n
  uint64_t x = rng();
  if (excess != 0)
    while (x > max - excess)
      x = rng();
  return x % n;
}

} // namespace afdsim
