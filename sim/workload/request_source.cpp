#include "sim/workload/request_source.hpp"

#include <limits>
#include <stdexcept>

namespace afdsim {

std::unique_ptr<RequestSource> make_request_source(const WorkloadConfig& workload)
{
  return std::make_unique<FixedLengthSource>(RequestShape{workload.prompt_tokens, workload.output_tokens});
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
