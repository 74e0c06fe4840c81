#pragma once
// Which platform host runs which role. Plain C++ (no SimGrid): the input is the platform's host
// names and the scenario's deployment section, so placement rules are testable on their own.
#include "sim/config/scenario.hpp"

#include <string>
#include <vector>

namespace afdsim {

struct Placement {
  std::vector<std::string> attention_hosts;  // one per attention worker, worker order
  std::vector<std::string> ffn_hosts;        // one per FFN worker
};

// Orders host names as people read them: digit runs compare as numbers ("gpu2" < "gpu10").
bool natural_less(const std::string& a, const std::string& b);
std::vector<std::string> natural_sorted(std::vector<std::string> names);

// Default: attention on the first r hosts in natural order, FFN on the next ones. Explicit host
// lists are honoured; a role without a list takes the first hosts the other role leaves free.
// Throws InputError (prefixed by `where`, the scenario file) naming the key and the numbers when
// the platform is too small, a host is unknown, a list has the wrong length or a host is used twice.
Placement place_workers(const std::vector<std::string>& platform_hosts, const DeploymentConfig& config,
                        const std::string& where);

// Colocated mode: the first `config.gpus` hosts in natural order, GPU g on the g-th. Throws
// InputError on deployment.gpus when the platform has fewer hosts.
std::vector<std::string> place_colocated(const std::vector<std::string>& platform_hosts, const DeploymentConfig& config,
                                         const std::string& where);

} // namespace afdsim
