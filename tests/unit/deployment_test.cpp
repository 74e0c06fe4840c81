// Placement of attention and FFN workers on platform hosts (no SimGrid).
#include "sim/deploy/deployment.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

namespace afdsim {
namespace {

std::vector<std::string> hosts(const std::string& prefix, int n)
{
  std::vector<std::string> names;
  for (int i = n - 1; i >= 0; --i)  // reverse, like SimGrid's hash order: placement must sort
    names.push_back(prefix + std::to_string(i));
  return names;
}

DeploymentConfig afd(int r)
{
  DeploymentConfig d;
  d.attention_workers = r;
  return d;
}

std::string error_of(const std::vector<std::string>& platform, const DeploymentConfig& d)
{
  try {
    place_workers(platform, d, "s.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Deployment, NaturalOrderPutsGpu2BeforeGpu10)
{
  EXPECT_TRUE(natural_less("gpu2", "gpu10"));
  EXPECT_FALSE(natural_less("gpu10", "gpu2"));
  EXPECT_TRUE(natural_less("n0-gpu7", "n1-gpu0"));
  EXPECT_TRUE(natural_less("gpu", "gpu0"));
  EXPECT_FALSE(natural_less("gpu3", "gpu3"));
  EXPECT_EQ(natural_sorted({"gpu10", "gpu9", "gpu1", "gpu0"}), (std::vector<std::string>{"gpu0", "gpu1", "gpu9", "gpu10"}));
}

TEST(Deployment, DefaultIsFirstRHostsThenFfn)
{
  const Placement p = place_workers(hosts("gpu", 12), afd(10), "s.yaml");
  EXPECT_EQ(p.attention_hosts, (std::vector<std::string>{"gpu0", "gpu1", "gpu2", "gpu3", "gpu4", "gpu5", "gpu6",
                                                         "gpu7", "gpu8", "gpu9"}));
  EXPECT_EQ(p.ffn_hosts, std::vector<std::string>{"gpu10"});
}

TEST(Deployment, ExplicitListsAreHonoured)
{
  DeploymentConfig d = afd(2);
  d.attention_hosts = {"gpu5", "gpu3"};
  d.ffn_hosts = {"gpu0"};
  const Placement p = place_workers(hosts("gpu", 8), d, "s.yaml");
  EXPECT_EQ(p.attention_hosts, (std::vector<std::string>{"gpu5", "gpu3"}));
  EXPECT_EQ(p.ffn_hosts, std::vector<std::string>{"gpu0"});
}

TEST(Deployment, OneExplicitRoleLeavesTheFirstFreeHostsToTheOther)
{
  DeploymentConfig d = afd(2);
  d.ffn_hosts = {"gpu0"};
  EXPECT_EQ(place_workers(hosts("gpu", 8), d, "s.yaml").attention_hosts, (std::vector<std::string>{"gpu1", "gpu2"}));
  DeploymentConfig a = afd(2);
  a.attention_hosts = {"gpu0", "gpu2"};
  EXPECT_EQ(place_workers(hosts("gpu", 8), a, "s.yaml").ffn_hosts, std::vector<std::string>{"gpu1"});
}

TEST(Deployment, MoreGpusThanThePlatformHas)
{
  EXPECT_EQ(error_of(hosts("gpu", 8), afd(8)),
            "s.yaml: deployment.attention_workers: 8 attention + 1 FFN workers need 9 GPUs but the platform has 8 "
            "(gpu0 .. gpu7)");
}

TEST(Deployment, UnknownHost)
{
  DeploymentConfig d = afd(1);
  d.attention_hosts = {"gpu9"};
  EXPECT_EQ(error_of(hosts("gpu", 4), d),
            "s.yaml: deployment.attention_hosts: unknown host 'gpu9' (the platform has 4 hosts: gpu0 .. gpu3)");
  DeploymentConfig f = afd(1);
  f.ffn_hosts = {"cpu0"};
  EXPECT_EQ(error_of(hosts("gpu", 4), f),
            "s.yaml: deployment.ffn_hosts: unknown host 'cpu0' (the platform has 4 hosts: gpu0 .. gpu3)");
}

TEST(Deployment, HostUsedTwice)
{
  DeploymentConfig d = afd(2);
  d.attention_hosts = {"gpu1", "gpu1"};
  EXPECT_EQ(error_of(hosts("gpu", 4), d),
            "s.yaml: deployment.attention_hosts: host gpu1 is used twice (one GPU runs one worker)");
  DeploymentConfig both = afd(2);
  both.attention_hosts = {"gpu0", "gpu1"};
  both.ffn_hosts = {"gpu1"};
  EXPECT_EQ(error_of(hosts("gpu", 4), both),
            "s.yaml: deployment.ffn_hosts: host gpu1 is used twice (one GPU runs one worker)");
}

TEST(Deployment, ListLengthMustMatchTheCount)
{
  DeploymentConfig d = afd(3);
  d.attention_hosts = {"gpu0", "gpu1"};
  EXPECT_EQ(error_of(hosts("gpu", 8), d),
            "s.yaml: deployment.attention_hosts: lists 2 hosts but deployment.attention_workers is 3");
}

TEST(Deployment, CountsMustBePositive)
{
  EXPECT_EQ(error_of(hosts("gpu", 8), afd(0)), "s.yaml: deployment.attention_workers: must be at least 1, got 0");
}

TEST(Deployment, ColocatedTakesTheFirstGpusHostsInNaturalOrder)
{
  DeploymentConfig d;
  d.mode = DeploymentMode::colocated;
  d.gpus = 3;
  EXPECT_EQ(place_colocated(hosts("gpu", 12), d, "s.yaml"), (std::vector<std::string>{"gpu0", "gpu1", "gpu2"}));
  d.gpus = 12;
  EXPECT_EQ(place_colocated(hosts("gpu", 12), d, "s.yaml").back(), "gpu11");
  d.gpus = 13;
  try {
    place_colocated(hosts("gpu", 12), d, "s.yaml");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "s.yaml: deployment.gpus: 13 colocated GPUs need 13 hosts but the platform has 12 "
                           "(gpu0 .. gpu11)");
  }
}

} // namespace
} // namespace afdsim
