#include "sim/config/serving_policies.hpp"

#include "sim/config/number_text.hpp"
#include "sim/config/scenario_enums.hpp"

#include <string>

namespace afdsim {

// vLLM's default capture list: 1, 2, 4, then every multiple of 8 up to 512.
std::vector<int> default_cuda_graph_sizes()
{
  std::vector<int> sizes = {1, 2, 4};
  for (int n = 8; n <= 512; n += 8)
    sizes.push_back(n);
  return sizes;
}

void read_padding(const MapReader& section, DeploymentConfig& d)
{
  std::string padding = to_string(d.padding);
  section.read_choice("padding", padding, {"none", "max_across_workers", "cuda_graph"});
  d.padding = *parse_padding_policy(padding);
  if (d.padding != PaddingPolicy::none && d.mode == DeploymentMode::colocated)
    throw section.error("padding", "only allowed when deployment.mode is afd (it pads the FFN batch at the barrier)");
  if (section.has("cuda_graph_sizes") && d.padding != PaddingPolicy::cuda_graph)
    throw section.error("cuda_graph_sizes", "only allowed when deployment.padding is cuda_graph (it is " + padding + ")");
  if (d.padding != PaddingPolicy::cuda_graph)
    return;
  d.cuda_graph_sizes = default_cuda_graph_sizes();
  if (!section.has("cuda_graph_sizes"))
    return;
  std::vector<double> sizes;
  section.read("cuda_graph_sizes", sizes, NumberRange{1, 1e6});
  if (sizes.empty())
    throw section.error("cuda_graph_sizes", "must list at least one captured batch size");
  d.cuda_graph_sizes.clear();
  for (double size : sizes) {
    if (size != static_cast<int>(size))
      throw section.error("cuda_graph_sizes", "sizes are token counts (integers), got " + format_number(size));
    if (!d.cuda_graph_sizes.empty() && size <= d.cuda_graph_sizes.back())
      throw section.error("cuda_graph_sizes", "sizes must increase, got " + format_number(size) + " after " +
                                                  std::to_string(d.cuda_graph_sizes.back()));
    d.cuda_graph_sizes.push_back(static_cast<int>(size));
  }
}

void read_arrivals(const MapReader& section, WorkloadConfig& w)
{
  std::string arrival = to_string(w.arrival);
  section.read_choice("arrival", arrival, {"closed", "poisson", "trace"});
  w.arrival = *parse_arrival_process(arrival);
  const bool open_loop = w.arrival != ArrivalProcess::closed;
  if (w.arrival == ArrivalProcess::poisson)
    section.require("arrival_rate_per_s", "the Poisson arrival rate (requests per second) of workload.arrival poisson");
  else if (section.has("arrival_rate_per_s"))
    throw section.error("arrival_rate_per_s", "only allowed when workload.arrival is poisson (it is " + arrival + ")");
  section.read("arrival_rate_per_s", w.arrival_rate_per_s, NumberRange{0, 1e9, true});
  if (w.arrival == ArrivalProcess::trace) {
    if (w.trace.requests.empty())
      throw section.error("arrival", "trace arrivals need workload.trace, a CSV with an arrival_s column");
    if (w.trace.requests.front().arrival_s < 0)
      throw section.error("arrival", "trace arrivals need an arrival_s column in " + w.trace.file +
                                         " (its header is prompt_tokens,output_tokens)");
  }
  if (section.has("routing") && !open_loop)
    throw section.error("routing", "only allowed in open loop (workload.arrival poisson or trace); the closed loop "
                                   "refills each worker's own slots");
  std::string routing = to_string(w.routing);
  section.read_choice("routing", routing, {"round_robin", "least_kv"});
  w.routing = *parse_routing_policy(routing);
}

} // namespace afdsim
