-- Reading peak, first half: members open today's article (POST /reading/articles/{id}/open); the server records
-- the start. Which member owns which session is read back from MySQL for the finish run.
package.path = "bench/lua/?.lua;" .. package.path
require "common"
load_tokens()
local article = os.getenv("BENCH_ARTICLE")

request = function()
  local caller = next_caller()
  return wrk.format("POST", "/reading/articles/" .. article .. "/open", { ["Authorization"] = "Bearer " .. caller.token })
end

done = report
