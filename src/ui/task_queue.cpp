#include "ui/task_queue.hpp"

namespace pa::ui {

TaskQueue::TaskQueue(std::function<void()> wake) : wake_(std::move(wake)), worker_([this] { run(); }) {}

TaskQueue::~TaskQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

void TaskQueue::submit(std::string name, Job job, std::function<void(const std::string&)> on_error) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs_.push_back(Item{std::move(name), std::move(job), std::move(on_error)});
    }
    ++pending_;
    cv_.notify_one();
}

void TaskQueue::poll() {
    std::deque<Continuation> ready;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ready.swap(done_);
    }
    for (auto& c : ready) {
        c();
        --pending_;
    }
}

std::string TaskQueue::step() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return step_;
}

std::string TaskQueue::running() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return running_;
}

void TaskQueue::progress(double fraction, const std::string& step) {
    progress_ = fraction;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        step_ = step;
    }
    if (wake_) wake_();
}

void TaskQueue::run() {
    for (;;) {
        Item item;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            item = std::move(jobs_.front());
            jobs_.pop_front();
            running_ = item.name;
            step_.clear();
        }
        progress_ = 0.0;
        Continuation cont;
        try {
            cont = item.job();
        } catch (const std::exception& e) {
            std::string msg = e.what();
            auto on_error = item.on_error;
            cont = [on_error, msg] {
                if (on_error) on_error(msg);
            };
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_.push_back(cont ? std::move(cont) : Continuation([] {}));
            running_.clear();
        }
        if (wake_) wake_();
    }
}

}  // namespace pa::ui
