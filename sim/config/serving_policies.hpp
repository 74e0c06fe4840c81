#pragma once
// How requests are served, beyond their lengths: the arrival process and routing of
// workload.arrival / arrival_rate_per_s / routing, and the FFN padding of deployment.padding /
// cuda_graph_sizes. Read strictly; the rules are in docs/scenario.md.
#include "sim/config/scenario.hpp"
#include "sim/config/yaml_fields.hpp"

#include <vector>

namespace afdsim {

// After the lengths (trace arrivals need the trace): InputError for a rate without poisson, routing
// in the closed loop, trace arrivals without an arrival_s column.
void read_arrivals(const MapReader& workload, WorkloadConfig& w);
// After deployment.mode: padding is an AFD policy; cuda_graph_sizes only with padding cuda_graph
// (default: vLLM's capture list 1, 2, 4, 8, 16, ..., 512), strictly increasing integers.
void read_padding(const MapReader& deployment, DeploymentConfig& d);

std::vector<int> default_cuda_graph_sizes();

} // namespace afdsim
