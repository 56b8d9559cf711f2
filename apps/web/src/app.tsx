import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './auth/session-context.tsx';
import { RequireRole } from './auth/require-role.tsx';
import { ALL_ROLES, homePath } from './pages.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { WelcomePage } from './pages/welcome-page.tsx';

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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
