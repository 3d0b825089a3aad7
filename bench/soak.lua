-- wrk script for bench/soak.sh: spreads requests over a list of paths instead of repeating one URL.
--
--   wrk ... -s bench/soak.lua http://host:port -- PATHS_FILE
--
-- PATHS_FILE holds one request path per line (e.g. /api/posts/abc123, /api/search?q=flood); blank
-- lines and lines starting with # are ignored. Without a file every request goes to the URL's path.
-- Each thread walks the list from its own offset, so all paths are hit evenly.

local paths = {}
local counter = 0

function init(args)
    local file = args[1] and io.open(args[1], "r")
    if file then
        for line in file:lines() do
            if line ~= "" and line:sub(1, 1) ~= "#" then
                paths[#paths + 1] = line
            end
        end
        file:close()
    end
    counter = math.random(0, 1000)
end

function request()
    if #paths == 0 then
        return wrk.format(nil, nil)
    end
    counter = counter + 1
    return wrk.format(nil, paths[(counter % #paths) + 1])
end
