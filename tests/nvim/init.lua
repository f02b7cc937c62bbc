-- Headless Neovim as a real LSP client for `calque lsp`.
--
-- Used by tests/lsp_nvim.rs:
--   CALQUE_BIN=/path/to/calque CALQUE_NVIM_INPUT=/tmp/x/brief.md \
--   CALQUE_NVIM_OUT=/tmp/x/result.json nvim --headless -n -i NONE -u tests/nvim/init.lua
--
-- Opens the Markdown file, attaches `calque lsp`, waits for diagnostics,
-- applies the first code action, writes the buffer, and writes a JSON report
-- (diagnostics before and after, the action's title, the encoding in use).
-- Works with Neovim 0.7 (Debian 12) and later: `vim.lsp.start` when present,
-- `vim.lsp.start_client` + `buf_attach_client` otherwise.

local bin = assert(os.getenv('CALQUE_BIN'), 'CALQUE_BIN is not set')
local input = assert(os.getenv('CALQUE_NVIM_INPUT'), 'CALQUE_NVIM_INPUT is not set')
local out = assert(os.getenv('CALQUE_NVIM_OUT'), 'CALQUE_NVIM_OUT is not set')

local function write_report(report)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(report))
  f:close()
end

-- Never hang a test run: give up after 30 seconds.
vim.defer_fn(function()
  write_report({ error = 'timed out' })
  vim.cmd('qall!')
end, 30000)

local function simplify(diags)
  local list = {}
  for _, d in ipairs(diags) do
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      source = d.source, severity = d.severity, message = d.message,
    })
  end
  return list
end

local function run()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(input))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'

  local config = {
    name = 'calque',
    -- Only the repeated-word check: the test must not move as packs grow.
    cmd = { bin, 'lsp', '--select', 'calque.grammar.repeated-word' },
    root_dir = vim.fn.fnamemodify(input, ':p:h'),
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  assert(client_id, 'calque lsp did not start')

  local got = vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  assert(got, 'no diagnostics within 10 s')
  local client = vim.lsp.get_client_by_id(client_id)
  local before = vim.diagnostic.get(bufnr)
  local first = before[1]
  -- The request's range: the LSP diagnostic's own range where Neovim keeps
  -- it (0.8+), else built from the byte columns Neovim shows (0.7).
  local lsp_diag = first.user_data and first.user_data.lsp
  local range
  if lsp_diag and lsp_diag.range then
    range = lsp_diag.range
  else
    range = vim.lsp.util.make_given_range_params(
      { first.lnum + 1, first.col }, { first.end_lnum + 1, first.end_col },
      bufnr, client.offset_encoding).range
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = { diagnostics = {} },
  }
  local response = client.request_sync('textDocument/codeAction', params, 5000, bufnr)
  assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response))
  local action = assert(response.result and response.result[1], 'no code action')
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  vim.cmd('write')

  -- After the edit the server re-lints; wait for the finding to go.
  vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20)
  write_report({
    encoding = client.offset_encoding,
    action = action.title,
    preferred = action.isPreferred,
    before = simplify(before),
    after = simplify(vim.diagnostic.get(bufnr)),
  })
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then write_report({ error = tostring(err) }) end
      vim.cmd('qall!')
    end)
  end,
})
