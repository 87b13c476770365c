import '@mantine/core/styles.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { ApiError } from './api.ts';
import { setupI18n } from './i18n.ts';
import './app.css';

const theme = createTheme({
  primaryColor: 'blue',
  // AA contrast for text on the primary colour and for dimmed text.
  primaryShade: 8,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif',
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused request (401, 403, 404) will not turn out differently on a retry.
      retry: (count, error) => !(error instanceof ApiError && error.status > 0) && count < 2,
      staleTime: 10_000,
      refetchOnWindowFocus: true,
    },
  },
});

await setupI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
