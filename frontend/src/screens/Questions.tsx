import { Page } from "../components/Layout";

export default function Questions() {
  return (
    <Page title="Questions">
      <p>Coming next.</p>
    </Page>
  );
}
