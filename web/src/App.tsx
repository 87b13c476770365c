import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { get, whenSignedOut } from './api.ts';
import { Shell } from './components/Shell.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { TimesheetPage } from './pages/TimesheetPage.tsx';
import { canManage, isAdmin, useSession } from './session.ts';

// Screens other than the week load when first opened, so the first visit downloads less.
const ClientsPage = lazy(() =>
  import('./pages/ClientsPage.tsx').then((m) => ({ default: m.ClientsPage })),
);
const CalendarPage = lazy(() =>
  import('./pages/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })),
);
const DayPage = lazy(() => import('./pages/DayPage.tsx').then((m) => ({ default: m.DayPage })));
const ProfilePage = lazy(() =>
  import('./pages/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })),
);
const ProjectsPage = lazy(() =>
  import('./pages/ProjectsPage.tsx').then((m) => ({ default: m.ProjectsPage })),
);
const TasksPage = lazy(() =>
  import('./pages/TasksPage.tsx').then((m) => ({ default: m.TasksPage })),
);
const PeoplePage = lazy(() =>
  import('./pages/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })),
);
const ProjectPage = lazy(() =>
  import('./pages/ProjectPage.tsx').then((m) => ({ default: m.ProjectPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
);
const ApprovalsPage = lazy(() =>
  import('./pages/ApprovalsPage.tsx').then((m) => ({ default: m.ApprovalsPage })),
);
const InvoicesPage = lazy(() =>
  import('./pages/InvoicesPage.tsx').then((m) => ({ default: m.InvoicesPage })),
);
const ReportsPage = lazy(() =>
  import('./pages/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })),
);
const BudgetsPage = lazy(() =>
  import('./pages/BudgetsPage.tsx').then((m) => ({ default: m.BudgetsPage })),
);
const WebhooksPage = lazy(() =>
  import('./pages/WebhooksPage.tsx').then((m) => ({ default: m.WebhooksPage })),
);
const ImportPage = lazy(() =>
  import('./pages/ImportPage.tsx').then((m) => ({ default: m.ImportPage })),
);
const AuditPage = lazy(() =>
  import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const SharedReportPage = lazy(() =>
  import('./pages/SharedReportPage.tsx').then((m) => ({ default: m.SharedReportPage })),
);
const SetupPage = lazy(() =>
  import('./pages/SetupPage.tsx').then((m) => ({ default: m.SetupPage })),
);

function Loading() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function App() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const setup = useQuery({
    queryKey: ['setup'],
    queryFn: () => get<{ needed: boolean }>('/setup'),
    staleTime: Infinity,
  });
  const session = useSession();

  useEffect(() => {
    whenSignedOut(() => {
      client.setQueryData(['session'], null);
    });
  }, [client]);

  useEffect(() => {
    if (setup.data?.needed && location.pathname !== '/setup') void navigate('/setup');
  }, [setup.data, location.pathname, navigate]);

  // A share link opens its report for anyone, signed in or not.
  if (location.pathname.startsWith('/shared/')) {
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/shared/:token" element={<SharedReportPage />} />
        </Routes>
      </Suspense>
    );
  }
  if (setup.isPending || session.isPending) return <Loading />;
  if (setup.data?.needed) {
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="*" element={<SetupPage />} />
        </Routes>
      </Suspense>
    );
  }
  if (!session.data) {
    return (
      <Routes>
        <Route path="*" element={<SignInPage />} />
      </Routes>
    );
  }
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to="/timesheet" replace />} />
          <Route path="/sign-in" element={<Navigate to="/timesheet" replace />} />
          <Route path="/setup" element={<Navigate to="/timesheet" replace />} />
          <Route path="/timesheet" element={<TimesheetPage />} />
          <Route path="/day" element={<DayPage />} />
          <Route path="/day/:date" element={<DayPage />} />
          <Route path="/calendar" element={<CalendarPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/budgets" element={<BudgetsPage />} />
          {canManage(session.data) && (
            <>
              <Route path="/clients" element={<ClientsPage />} />
              <Route path="/projects" element={<ProjectsPage />} />
              <Route path="/projects/:projectId" element={<ProjectPage />} />
              <Route path="/people" element={<PeoplePage />} />
              <Route path="/tasks" element={<TasksPage />} />
              <Route path="/approvals" element={<ApprovalsPage />} />
            </>
          )}
          <Route path="/profile" element={<ProfilePage />} />
          {isAdmin(session.data) && <Route path="/settings" element={<SettingsPage />} />}
          {isAdmin(session.data) && <Route path="/invoices" element={<InvoicesPage />} />}
          {isAdmin(session.data) && <Route path="/webhooks" element={<WebhooksPage />} />}
          {isAdmin(session.data) && <Route path="/audit" element={<AuditPage />} />}
          {isAdmin(session.data) && <Route path="/import" element={<ImportPage />} />}
          <Route path="*" element={<Navigate to="/timesheet" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
