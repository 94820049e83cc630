#pragma once
// Heavy work off the UI thread (Tracy's RunQueue / ImHex's TaskManager idea): a job runs on one worker thread
// and returns a continuation that the UI thread runs in poll(). Exceptions become an error string for the UI.
// One worker is enough: opening and importing are sequential by nature, and SQLite/GEOS contexts stay on one
// thread.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace pa::ui {

class TaskQueue {
  public:
    using Continuation = std::function<void()>;
    using Job = std::function<Continuation()>;
    /// `wake` is called from the worker when a result is ready (posts an empty event to the frame loop).
    explicit TaskQueue(std::function<void()> wake);
    ~TaskQueue();
    TaskQueue(const TaskQueue&) = delete;
    TaskQueue& operator=(const TaskQueue&) = delete;

    /// Queues a job; `on_error` runs on the UI thread with the exception's message when it throws.
    void submit(std::string name, Job job, std::function<void(const std::string&)> on_error);
    /// Runs the continuations that are ready (UI thread).
    void poll();
    bool busy() const { return pending_ > 0; }
    /// Progress of the running job, 0..1, and its step (set by the job through progress()).
    double progress() const { return progress_; }
    std::string step() const;
    std::string running() const;
    void progress(double fraction, const std::string& step);

  private:
    struct Item {
        std::string name;
        Job job;
        std::function<void(const std::string&)> on_error;
    };
    void run();
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Item> jobs_;
    std::deque<Continuation> done_;
    std::atomic<int> pending_{0};
    std::atomic<double> progress_{0.0};
    std::string step_, running_;
    bool stop_ = false;
    std::thread worker_;
};

}  // namespace pa::ui
