// docs/validation.md is what scripts/validation_report.py makes of the binary as it is: a change
// that moves a validated number must regenerate the page (and be read there).
#include "run_afdsim.hpp"

#include <gtest/gtest.h>

TEST(ValidationReport, RegeneratingGivesTheCommittedPage)
{
  const std::string root = AFDSIM_SOURCE_DIR;
  const auto r = afdsim::test::run_command("python3 '" + root + "/scripts/validation_report.py' --binary '" +
                                           AFDSIM_BINARY + "' --check");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}
