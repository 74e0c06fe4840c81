#include "sim/cli/commands.hpp"

#include <stdexcept>

namespace afdsim::cli {
int estimate_command(const EstimateArgs&) { throw std::logic_error("estimate: not yet"); }
int presets_command(bool) { throw std::logic_error("presets: not yet"); }
} // namespace afdsim::cli
