#include "sim/engine/inbox.hpp"

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include <stdexcept>

namespace afdsim {

Inbox::Inbox(simgrid::s4u::Mailbox* mailbox, int64_t expected_messages)
    : mailbox_(mailbox), remaining_(expected_messages)
{
  if (remaining_ > 0) {
    prepare();
    start_prepared_receive();
  }
}

void Inbox::prepare()
{
  payload_ = nullptr;
  comm_ = mailbox_->get_init()->set_dst_data(reinterpret_cast<void**>(&payload_), sizeof(void*));
  prepared_ = true;
}

void Inbox::start_prepared_receive()
{
  if (!prepared_)
    return;
  prepared_ = false;
  comm_->start();
}

std::unique_ptr<ActivationMessage> Inbox::take_message()
{
  if (payload_ == nullptr || prepared_)
    throw std::logic_error("Inbox::take on " + mailbox_->get_name() + ": no completed message");
  std::unique_ptr<ActivationMessage> message(payload_);
  message->arrived_s = comm_->get_finish_time();
  payload_ = nullptr;
  comm_ = nullptr;
  if (--remaining_ > 0)
    prepare();
  return message;
}

std::unique_ptr<ActivationMessage> Inbox::take()
{
  auto message = take_message();
  start_prepared_receive();
  return message;
}

std::unique_ptr<ActivationMessage> Inbox::take_preparing_next() { return take_message(); }

} // namespace afdsim
