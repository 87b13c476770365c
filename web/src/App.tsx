import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { get, whenSignedOut } from './api.ts';
import { Shell } from './components/Shell.tsx';
import { ClientsPage } from './pages/ClientsPage.tsx';
import { DayPage } from './pages/DayPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { ProjectsPage } from './pages/ProjectsPage.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { TasksPage } from './pages/TasksPage.tsx';
import { TimesheetPage } from './pages/TimesheetPage.tsx';
import { canManage, useSession } from './session.ts';

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

  if (setup.isPending || session.isPending) return <Loading />;
  if (setup.data?.needed) {
    return (
      <Routes>
        <Route path="*" element={<SetupPage />} />
      </Routes>
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
      <Routes>
        <Route path="/" element={<Navigate to="/timesheet" replace />} />
        <Route path="/sign-in" element={<Navigate to="/timesheet" replace />} />
        <Route path="/setup" element={<Navigate to="/timesheet" replace />} />
        <Route path="/timesheet" element={<TimesheetPage />} />
        <Route path="/day" element={<DayPage />} />
        <Route path="/day/:date" element={<DayPage />} />
        {canManage(session.data) && (
          <>
            <Route path="/clients" element={<ClientsPage />} />
            <Route path="/projects" element={<ProjectsPage />} />
            <Route path="/tasks" element={<TasksPage />} />
          </>
        )}
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="*" element={<Navigate to="/timesheet" replace />} />
      </Routes>
    </Shell>
  );
}
