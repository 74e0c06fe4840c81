#pragma once
// Names of the scenario's enumerations, as written in YAML and reports.
#include "sim/config/scenario.hpp"

#include <optional>
#include <string>

namespace afdsim {

inline const char* to_string(DeploymentMode mode) { return mode == DeploymentMode::afd ? "afd" : "colocated"; }
inline const char* to_string(CostModelKind kind)
{
  return kind == CostModelKind::roofline ? "roofline" : kind == CostModelKind::fixed ? "fixed" : "profiled";
}
inline const char* to_string(AllreduceAlgorithm a) { return a == AllreduceAlgorithm::ring ? "ring" : "one_shot"; }

inline const char* to_string(PaddingPolicy p)
{
  return p == PaddingPolicy::none ? "none" : p == PaddingPolicy::max_across_workers ? "max_across_workers" : "cuda_graph";
}
inline const char* to_string(ArrivalProcess a)
{
  return a == ArrivalProcess::closed ? "closed" : a == ArrivalProcess::poisson ? "poisson" : "trace";
}
inline const char* to_string(RoutingPolicy r) { return r == RoutingPolicy::round_robin ? "round_robin" : "least_kv"; }
inline const char* to_string(ComputeActivity c) { return c == ComputeActivity::sleep ? "sleep" : "exec"; }

inline std::optional<DeploymentMode> parse_deployment_mode(const std::string& s)
{
  if (s == "afd")
    return DeploymentMode::afd;
  if (s == "colocated")
    return DeploymentMode::colocated;
  return std::nullopt;
}

inline std::optional<CostModelKind> parse_cost_model_kind(const std::string& s)
{
  if (s == "roofline")
    return CostModelKind::roofline;
  if (s == "fixed")
    return CostModelKind::fixed;
  if (s == "profiled")
    return CostModelKind::profiled;
  return std::nullopt;
}

inline std::optional<AllreduceAlgorithm> parse_allreduce_algorithm(const std::string& s)
{
  if (s == "ring")
    return AllreduceAlgorithm::ring;
  if (s == "one_shot")
    return AllreduceAlgorithm::one_shot;
  return std::nullopt;
}

inline std::optional<PaddingPolicy> parse_padding_policy(const std::string& s)
{
  for (PaddingPolicy p : {PaddingPolicy::none, PaddingPolicy::max_across_workers, PaddingPolicy::cuda_graph})
    if (s == to_string(p))
      return p;
  return std::nullopt;
}

inline std::optional<ArrivalProcess> parse_arrival_process(const std::string& s)
{
  for (ArrivalProcess a : {ArrivalProcess::closed, ArrivalProcess::poisson, ArrivalProcess::trace})
    if (s == to_string(a))
      return a;
  return std::nullopt;
}

inline std::optional<RoutingPolicy> parse_routing_policy(const std::string& s)
{
  for (RoutingPolicy r : {RoutingPolicy::round_robin, RoutingPolicy::least_kv})
    if (s == to_string(r))
      return r;
  return std::nullopt;
}

} // namespace afdsim
