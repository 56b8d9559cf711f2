import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './auth/session-context.tsx';
import { RequireRole } from './auth/require-role.tsx';
import { ALL_ROLES, homePath, pageRoles } from './pages.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { WelcomePage } from './pages/welcome-page.tsx';

// Pages load on demand: the sign-in page does not wait for charts or the ledger code.
const MembersPage = lazy(() => import('./pages/members/members-page.tsx').then((m) => ({ default: m.MembersPage })));
const MemberPage = lazy(() => import('./pages/members/member-page.tsx').then((m) => ({ default: m.MemberPage })));
const ServicesPage = lazy(() => import('./pages/services/services-page.tsx').then((m) => ({ default: m.ServicesPage })));
const ServicePage = lazy(() => import('./pages/services/service-page.tsx').then((m) => ({ default: m.ServicePage })));
const GrantsPage = lazy(() => import('./pages/grants/grants-page.tsx').then((m) => ({ default: m.GrantsPage })));
const GrantPage = lazy(() => import('./pages/grants/grant-page.tsx').then((m) => ({ default: m.GrantPage })));
const UsersPage = lazy(() => import('./pages/users/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const OverviewPage = lazy(() => import('./pages/overview/overview-page.tsx').then((m) => ({ default: m.OverviewPage })));
const HealthPage = lazy(() => import('./pages/health/health-page.tsx').then((m) => ({ default: m.HealthPage })));
const LogPage = lazy(() => import('./pages/log/log-page.tsx').then((m) => ({ default: m.LogPage })));

function Home() {
  const { session } = useSession();
  return <Navigate to={session === undefined ? '/login' : homePath(session.user.role)} replace />;
}

/** Routes of the console. Every page sits behind {@link RequireRole} with the roles of its entry in `pages.ts`. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/" element={<Home />} />
      <Route element={<RequireRole roles={ALL_ROLES}><AppLayout /></RequireRole>}>
        <Route path="/welcome" element={<WelcomePage />} />
        <Route path="/overview" element={<RequireRole roles={pageRoles('overview')}><OverviewPage /></RequireRole>} />
        <Route path="/members" element={<RequireRole roles={pageRoles('members')}><MembersPage /></RequireRole>} />
        <Route path="/members/:member" element={<RequireRole roles={pageRoles('members')}><MemberPage /></RequireRole>} />
        <Route path="/services" element={<RequireRole roles={pageRoles('services')}><ServicesPage /></RequireRole>} />
        <Route path="/services/:member/:subsystem/:service/:version" element={<RequireRole roles={pageRoles('services')}><ServicePage /></RequireRole>} />
        <Route path="/grants" element={<RequireRole roles={pageRoles('grants')}><GrantsPage /></RequireRole>} />
        <Route path="/grants/:id" element={<RequireRole roles={pageRoles('grants')}><GrantPage /></RequireRole>} />
        <Route path="/users" element={<RequireRole roles={pageRoles('users')}><UsersPage /></RequireRole>} />
        <Route path="/health" element={<RequireRole roles={pageRoles('health')}><HealthPage /></RequireRole>} />
        <Route path="/transparency" element={<RequireRole roles={pageRoles('log')}><LogPage /></RequireRole>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
