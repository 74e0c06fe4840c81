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

} // namespace afdsim
