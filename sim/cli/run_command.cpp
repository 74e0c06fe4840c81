#include "sim/cli/commands.hpp"

#include <stdexcept>

namespace afdsim::cli {
int run_command(const RunArgs&) { throw std::logic_error("run: not yet"); }
} // namespace afdsim::cli
