#pragma once
// One entry of a sweep spec's `axes` list (docs/sweep.md):
//   {key: K, values: [v, ...]}                 the values as written (any YAML: numbers, names, lists, maps)
//   {key: K, range: {from: a, to: b, step: s}} a, a + s, ... up to b inclusive (step 1 if absent)
//   {key: K, range: {from: a, to: b, times: f}} a, a f, a f^2, ... up to b inclusive (geometric)
//   {zip: [{key: K1, values|range}, ...]}      keys that vary together: equal lengths, no product
#include "sim/config/yaml_source.hpp"
#include "sim/sweep/sweep_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

namespace afdsim {

// Values per axis: a longer range (a step of 0.0001 is a typo) or list is refused.
constexpr size_t kMaxAxisValues = 100'000;

// `node` is the list element at `path` ("axes[2]"). Throws InputError naming the element's key.
SweepAxis read_axis(YamlSource& source, const YAML::Node& node, const std::string& path);

// The text `--set KEY=VALUE` takes for a value: plain scalars as written, quoted strings in double
// quotes (so "200" stays a string), lists and maps in YAML flow style ("[n1-gpu0]").
std::string value_text(const YAML::Node& node);

// "an empty list" for [], else describe_value.
std::string list_description(const YAML::Node& node);

// Throws InputError at `where`/`path` unless `key` is a dotted path of non-empty plain names
// ("deployment.microbatches").
void check_dotted_key(const std::string& key, const std::string& where, const std::string& path);

} // namespace afdsim
