// libFuzzer target: the request-trace CSV reader (workload.trace). Any outcome but a list of
// requests or an InputError is a finding, and an accepted list must hold what the reader promises.
#include "sim/workload/request_trace.hpp"
#include "sim/util/errors.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<afdsim::TracedRequest> requests;
  try {
    requests = afdsim::parse_trace_csv(text, "fuzz.csv", "workload.trace");
  } catch (const afdsim::InputError&) {
    return 0;
  }
  if (requests.empty()) {
    std::fprintf(stderr, "accepted a trace without requests\n");
    std::abort();
  }
  // Without an arrival_s column every request has arrival_s = -1; with one, they never decrease.
  const bool with_arrival = requests.front().arrival_s >= 0;
  double last_arrival_s = 0;
  for (const auto& r : requests) {
    const bool lengths_ok = r.prompt_tokens >= 1 && r.prompt_tokens <= afdsim::kMaxLengthTokens &&
                            r.output_tokens >= 1 && r.output_tokens <= afdsim::kMaxLengthTokens;
    const bool arrival_ok = with_arrival ? std::isfinite(r.arrival_s) && r.arrival_s >= last_arrival_s
                                         : r.arrival_s == -1;
    if (!lengths_ok || !arrival_ok) {
      std::fprintf(stderr, "accepted a request outside the trace contract: prompt %d, output %d, arrival %g s\n",
                   r.prompt_tokens, r.output_tokens, r.arrival_s);
      std::abort();
    }
    last_arrival_s = r.arrival_s;
  }
  return 0;
}
