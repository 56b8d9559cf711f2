import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './auth/session-context.tsx';
import { RequireRole } from './auth/require-role.tsx';
import { ALL_ROLES, homePath, pageRoles } from './pages.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { WelcomePage } from './pages/welcome-page.tsx';
import { MembersPage } from './pages/members/members-page.tsx';
import { MemberPage } from './pages/members/member-page.tsx';
import { ServicesPage } from './pages/services/services-page.tsx';
import { ServicePage } from './pages/services/service-page.tsx';
import { GrantsPage } from './pages/grants/grants-page.tsx';
import { UsersPage } from './pages/users/users-page.tsx';
import { OverviewPage } from './pages/overview/overview-page.tsx';
import { HealthPage } from './pages/health/health-page.tsx';
import { LogPage } from './pages/log/log-page.tsx';
import { GrantPage } from './pages/grants/grant-page.tsx';

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
