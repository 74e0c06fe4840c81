#pragma once
// A sweep spec's `filters` (docs/sweep.md): conditions on a point's resolved scenario; a point
// for which one does not hold is skipped, with the reason in results.csv. Two forms:
//   memory_fits                                   every GPU holds its weights, KV and workspace
//   {key: K, at_most: X} / {key: K, at_least: X}  X a number or another dotted key
// Keys are looked up in the resolved scenario (what `afdsim validate` prints), so a filter can
// test a key no axis sets (workload.batch_per_worker at its default).
#include "sim/config/scenario.hpp"
#include "sim/config/yaml_source.hpp"
#include "sim/sweep/sweep_spec.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace afdsim {

// `node` is the spec's `filters` value at `path`; `base` is the resolved base scenario
// (to_json), against which every key is checked. Throws InputError naming the element.
std::vector<SweepFilter> read_filters(YamlSource& source, const YAML::Node& node, const std::string& path,
                                      const nlohmann::json& base);

// The number at dotted `key` of a resolved scenario (to_json), if there is one.
std::optional<double> resolved_number(const nlohmann::json& scenario, const std::string& key);

// Why the point is skipped: the first filter that does not hold for `scenario`; nullopt if all
// hold. Throws InputError when a filter's key has no number in this point's scenario.
std::optional<std::string> skip_reason(const std::vector<SweepFilter>& filters, const Scenario& scenario);

} // namespace afdsim
