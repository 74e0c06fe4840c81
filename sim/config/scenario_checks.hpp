#pragma once
// Checks between keys: each names the key that is wrong, the key it conflicts with, and points at
// where the wrong key was given (or its section, when it was left at its default).
#include "sim/config/scenario.hpp"
#include "sim/config/yaml_source.hpp"

namespace afdsim {

// Throws InputError on the first conflict.
void check_scenario(const Scenario& scenario, const YamlSource& source);

} // namespace afdsim
