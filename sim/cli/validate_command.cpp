#include "sim/cli/commands.hpp"

#include <stdexcept>

namespace afdsim::cli {
int validate_command(const std::string&, const std::vector<std::string>&) { throw std::logic_error("validate: not yet"); }
} // namespace afdsim::cli
